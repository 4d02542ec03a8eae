-- Appendices in trustreport's Typst book (what orange-book.lua does for Quarto's default template): the first
-- appendix chapter is preceded by `#show: trust-appendices`, and Quarto's synthetic "Appendices" heading goes (its
-- word in the book's language is the metadata tr-word-appendices, the appendix label tr-word-appendix, both from
-- src/trustreport/words/frame.yml).
local started = false
local appendices_word = nil
local show_appendices = nil  -- the Typst line that starts them, with the words around each appendix's letter

local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

local header_filter = {
  Header = function(el)
    if not quarto.doc.is_format("typst") or el.level ~= 1 then return nil end
    local fm = quarto.doc.file_metadata()
    if fm == nil or fm.file == nil or fm.file.bookItemType ~= "appendix" then return nil end
    if el.classes:includes("unnumbered") and not started then  -- the synthetic part divider
      started = true
      return pandoc.RawBlock("typst", show_appendices)
    end
    if el.classes:includes("unnumbered") and el.content and pandoc.utils.stringify(el.content) == appendices_word then
      return {}
    end
    if not started then
      started = true
      return { pandoc.RawBlock("typst", show_appendices), el }
    end
    return nil
  end
}
local function read_words(meta)
  for _, key in ipairs({ "tr-word-appendices", "tr-word-appendix" }) do
    if meta[key] == nil then error("trustbook.lua: the document's metadata has no " .. key) end
  end
  appendices_word = pandoc.utils.stringify(meta["tr-word-appendices"])
  local before, after = pandoc.utils.stringify(meta["tr-word-appendix"]):match("^(.-){letter}(.*)$")
  show_appendices = "#show: trust-appendices.with(before: " .. typst_string(before) .. ", after: " .. typst_string(after) .. ")"
end

return { { Meta = read_words }, quarto.utils.combineFilters({ quarto.utils.file_metadata_filter(), header_filter }) }
