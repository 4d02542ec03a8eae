-- A chart's source line (a div of class tr-source) set as a small grey note in Typst.
-- HTML styles the same div with CSS (assets/report.css), so HTML passes through unchanged.
function Div(el)
  if el.classes:includes("tr-source") and FORMAT:match("typst") then
    local blocks = { pandoc.RawBlock("typst", "#block(above: 0.5em, below: 1.4em)[#set text(size: 8pt, fill: luma(80)); #set par(justify: false)") }
    for _, b in ipairs(el.content) do table.insert(blocks, b) end
    table.insert(blocks, pandoc.RawBlock("typst", "]"))
    return blocks
  end
end
