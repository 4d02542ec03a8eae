-- Styling and format switches shared by Quarto and the embedded engine (pandoc).
--   .tr-source   a chart's source line: small grey note in Typst (CSS styles it in HTML)
--   .tr-built    the "built with" box closing each chapter: a thin framed block in Typst
--   .content-visible / .content-hidden with when-format="html|typst": Quarto's own switches,
--                done here too so the embedded engine honours them (Quarto has done them before this runs)

local function is_format(name)
  if name == "html" then return FORMAT:match("html") ~= nil end
  if name == "pdf" or name == "typst" then return FORMAT:match("typst") ~= nil or FORMAT:match("latex") ~= nil end
  return FORMAT:match(name) ~= nil
end

local function wrap_typst(el, open)
  local blocks = { pandoc.RawBlock("typst", open) }
  for _, b in ipairs(el.content) do table.insert(blocks, b) end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

function Div(el)
  local when = el.attributes["when-format"]
  if when and el.classes:includes("content-visible") then
    return is_format(when) and el.content or {}
  end
  if when and el.classes:includes("content-hidden") then
    return is_format(when) and {} or el.content
  end
  if FORMAT:match("typst") then
    if el.classes:includes("tr-source") then
      return wrap_typst(el, "#block(above: 0.5em, below: 1.4em)[#set text(size: 8pt, fill: luma(80)); #set par(justify: false)")
    end
    if el.classes:includes("tr-built") then
      return wrap_typst(el, "#block(above: 2em, width: 100%, inset: 8pt, radius: 3pt, stroke: 0.5pt + luma(190), fill: luma(247))[#set text(size: 7.5pt, fill: luma(70)); #set par(justify: false)")
    end
  end
end
