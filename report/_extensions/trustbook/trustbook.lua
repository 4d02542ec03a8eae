-- Appendices in trustreport's Typst book (what orange-book.lua does for Quarto's default template): the first
-- appendix chapter is preceded by `#show: trust-appendices`, and Quarto's synthetic "Appendices" heading goes.
local started = false
local header_filter = {
  Header = function(el)
    if not quarto.doc.is_format("typst") or el.level ~= 1 then return nil end
    local fm = quarto.doc.file_metadata()
    if fm == nil or fm.file == nil or fm.file.bookItemType ~= "appendix" then return nil end
    if el.classes:includes("unnumbered") and not started then  -- the synthetic part divider
      started = true
      return pandoc.RawBlock("typst", "#show: trust-appendices")
    end
    if el.classes:includes("unnumbered") and el.content and (pandoc.utils.stringify(el.content) == "Appendices" or pandoc.utils.stringify(el.content) == "附录") then
      return {}
    end
    if not started then
      started = true
      return { pandoc.RawBlock("typst", "#show: trust-appendices"), el }
    end
    return nil
  end
}
return quarto.utils.combineFilters({ quarto.utils.file_metadata_filter(), header_filter })
