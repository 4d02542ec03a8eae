-- Styling and format switches shared by Quarto and the embedded engine (pandoc).
--   .tr-figure   a chart, its caption and its source line: kept on one page in Typst
--   .tr-source   a chart's source line: small grey note in Typst (CSS styles it in HTML)
--   .tr-built    the "built with" box closing each chapter: folded in <details> in HTML, left out of the PDF
--                (its colophon on the title page says how it was built)
--   Chinese runs in HTML: marked lang="zh" (Inlines, below); section headings get a permalink (Header)
--   links to a source's entry on the References page: to its label inside the PDF
--   the paragraphs just before a table (two at most): kept with it in Typst, never left at a page's foot
--   .content-visible / .content-hidden with when-format="html|typst": Quarto's own switches,
--                done here too so the embedded engine honours them (Quarto has done them before this runs)
--   .tr-web / .tr-print  words only the site shows ("each chart's data can be downloaded beside it") or only the
--                PDF: a span or a div, the same in both engines; on the site a web-only span keeps its class, so
--                a check can tell the site's own words from the prose both share

-- The words this filter writes, in the document's language, and whether its pages are written in Chinese (then no
-- Chinese run is marked): given as metadata (tr-word-<key>, tr-mark-chinese) by both engines, from
-- src/trustreport/words/frame.yml (`filter`) and words/languages.yml.
local words = { built = nil, anchor = nil }
-- the words the site's scripts write (report/assets/*.js), handed to them in each page as data-<key> attributes:
-- which they are is read from the metadata (tr-script-words, render/frame.py's SCRIPT_WORDS)
local script_words = {}
local mark_chinese = true

local function read_words(meta)
  if meta["tr-script-words"] == nil then error("report.lua: the document's metadata has no tr-script-words") end
  for key in pandoc.utils.stringify(meta["tr-script-words"]):gmatch("[%w_]+") do table.insert(script_words, key) end
  local wanted = { built = true, anchor = true }
  for _, key in ipairs(script_words) do wanted[key] = true end
  for key, _ in pairs(wanted) do
    local value = meta["tr-word-" .. key]
    if value == nil then error("report.lua: the document's metadata has no tr-word-" .. key) end
    words[key] = pandoc.utils.stringify(value)
  end
  if meta["tr-mark-chinese"] ~= nil then mark_chinese = meta["tr-mark-chinese"] end
end

local function is_format(name)
  if name == "html" then return FORMAT:match("html") ~= nil end
  if name == "pdf" or name == "typst" then return FORMAT:match("typst") ~= nil or FORMAT:match("latex") ~= nil end
  return FORMAT:match(name) ~= nil
end

-- The PDF's title never leaves one word alone on its last line ("Kuaishou’s / 616" on the cover): its last two words
-- are joined by a no-break space (Chinese titles have no spaces, and break as Chinese does). A mirror of
-- trustreport.numbers.title_bound, the embedded engine's half of the rule.
-- the last space of `inlines` made a no-break space; whether there was one
local function bind_last_space(inlines)
  for i = #inlines, 1, -1 do
    if inlines[i].t == "Space" then
      inlines[i] = pandoc.Str("\u{00A0}")
      return true
    end
  end
  return false
end

local function bind_title_end(meta)
  if not is_format("typst") or meta.title == nil or pandoc.utils.type(meta.title) ~= "Inlines" then return nil end
  local title = meta.title
  if not bind_last_space(title) then return nil end
  meta.title = title
  return meta
end

-- The same for a chapter's heading in the PDF: the summary's headline is a sentence, and its last word alone on a
-- line ("… by its own / count") reads as a slip.
local function bind_heading_end(el)
  if el.level ~= 1 or not bind_last_space(el.content) then return nil end
  return el
end

local function html_escape(s)
  return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function wrap_typst(el, open, close)
  local blocks = { pandoc.RawBlock("typst", open) }
  for _, b in ipairs(el.content) do table.insert(blocks, b) end
  table.insert(blocks, pandoc.RawBlock("typst", close or "]"))
  return blocks
end

-- words for one medium (.tr-web: the site; .tr-print: the PDF): nil where they stay, {} where they go
local function medium_only(el)
  if el.classes:includes("tr-web") and not is_format("html") then return {} end
  if el.classes:includes("tr-print") and not is_format("typst") then return {} end
  return nil
end

local function Span(el)
  return medium_only(el)
end

-- the number of columns of the widest table a block holds
local function widest_table(el)
  local most = 0
  el:walk({ Table = function(t) most = math.max(most, #t.colspecs) end })
  return most
end

-- A table in a .tr-cards block reads as one card a row on a phone (report.css): each cell is named by its column's
-- header (data-label), since the header row is out of sight there.
local function label_cells(el)
  return el:walk({
    Table = function(t)
      local names = {}
      for i, cell in ipairs(t.head.rows[1].cells) do names[i] = pandoc.utils.stringify(cell.contents) end
      for _, body in ipairs(t.bodies) do
        for _, row in ipairs(body.body) do
          for i, cell in ipairs(row.cells) do
            if names[i] then cell.attributes["data-label"] = names[i] end
          end
        end
      end
      return t
    end,
  })
end

function Div(el)
  if medium_only(el) then return {} end
  if FORMAT:match("html") and el.classes:includes("tr-cards") then return label_cells(el) end
  -- Quarto's pages: a cell holding a table of many columns (the scorecard) takes the width of the page to its right,
  -- as a cell with `column: page-right` does; in the body's column alone it scrolled sideways even at 1280 px
  if quarto ~= nil and FORMAT:match("html") and el.classes:includes("cell") and widest_table(el) >= 8 then
    el.classes:insert("column-page-right")
    return el
  end
  local when = el.attributes["when-format"]
  if when and el.classes:includes("content-visible") then
    return is_format(when) and el.content or {}
  end
  if when and el.classes:includes("content-hidden") then
    return is_format(when) and {} or el.content
  end
  if FORMAT:match("typst") then
    if el.classes:includes("tr-figure") then
      -- a chart with its caption and source line, never split across pages, floats to the top or foot of a page
      -- where it fits: the text goes on around it instead of leaving the rest of a page empty (a full-page chart
      -- fills the next page while the text after it fills this one)
      return wrap_typst(el, "#trust-float[", "]")
    end
    if el.classes:includes("tr-source") then
      -- a note, not a paragraph of the text: never indented, though Chinese paragraphs are
      return wrap_typst(el, "#block(above: 0.5em, below: 1.4em)[#set text(size: 8pt, fill: luma(80)); #set par(justify: false, first-line-indent: 0em)")
    end
    if el.classes:includes("tr-built") then  -- the PDF says how it was built once, in the title page's colophon
      return {}
    end
  end
  if FORMAT:match("html") and el.classes:includes("tr-built") then  -- for the curious, folded away
    -- the summary is in the edition's language, given by the box itself (trustreport.chapter.context)
    local summary = el.attributes["summary"] or words.built
    el.attributes["summary"] = nil
    return { pandoc.RawBlock("html", '<details class="tr-built-details"><summary>' .. html_escape(summary) .. '</summary>'), el,
             pandoc.RawBlock("html", "</details>") }
  end
end

-- Chinese runs in the site are marked lang="zh" (screen readers switch voice, browsers pick the CJK font and line
-- breaking); a run is consecutive words holding CJK characters, with the spaces between them.
local function has_cjk(s)
  -- UTF-8 lead bytes E3–E9 cover U+3000–U+9FFF (CJK punctuation, kana, ideographs); EF BC–BF the full-width forms
  return s:find("[\227-\233][\128-\191][\128-\191]") ~= nil or s:find("\239[\188-\191][\128-\191]") ~= nil
end

function Inlines(inlines)
  -- a page written in Chinese is all Chinese already: nothing to mark
  if not FORMAT:match("html") or not mark_chinese then return nil end
  local out, run, space = pandoc.Inlines({}), nil, nil
  local function flush()
    if run then out:insert(pandoc.Span(run, pandoc.Attr("", {}, { { "lang", "zh" } }))); run = nil end
    if space then out:insert(space); space = nil end
  end
  for _, el in ipairs(inlines) do
    if el.t == "Str" and has_cjk(el.text) then
      if run then
        if space then table.insert(run, space); space = nil end
        table.insert(run, el)
      else
        flush()
        run = { el }
      end
    elseif run and el.t == "Space" and not space then
      space = el
    else
      flush()
      out:insert(el)
    end
  end
  flush()
  return out
end

-- Heading permalinks on the embedded engine's pages (Quarto adds its own, which report/assets/charts.js names in the
-- page's language): a "#" after each section heading.
function Header(el)
  if quarto or not FORMAT:match("html") or el.level < 2 or el.identifier == "" then return nil end
  el.content:insert(pandoc.Space())
  el.content:insert(pandoc.Link({ pandoc.Str("#") }, "#" .. el.identifier, "",
    pandoc.Attr("", { "tr-anchor" }, { { "aria-label", words.anchor } })))
  return el
end

-- On Quarto's pages, the switch to the same page in each other language, first in the text (the embedded engine's
-- page template has its own in the top bar). The staged _quarto.yml lists the languages (tr-translations).
local function language_switch(doc)
  if not quarto or not FORMAT:match("html") or doc.meta["tr-translations"] == nil then return nil end
  local input = quarto.doc.input_file or ""
  local page = input:match("([^/\\]+)$") or ""
  page = page:gsub("%.ipynb$", ".html"):gsub("%.qmd$", ".html"):gsub("%.md$", ".html")
  local links, pdfs = {}, {}
  for _, t in ipairs(doc.meta["tr-translations"]) do
    local lang, prefix = pandoc.utils.stringify(t.lang), pandoc.utils.stringify(t.prefix)
    table.insert(links, '<a href="' .. html_escape(prefix .. page) .. '" hreflang="' .. html_escape(lang) .. '" lang="' ..
      html_escape(lang) .. '">' .. html_escape(pandoc.utils.stringify(t.read)) .. '</a>')
    table.insert(pdfs, '<a href="' .. html_escape(pandoc.utils.stringify(t.pdf)) .. '" hreflang="' .. html_escape(lang) .. '" lang="' ..
      html_escape(lang) .. '">' .. html_escape(pandoc.utils.stringify(t.pdf_label)) .. '</a>')
  end
  local label = pandoc.utils.stringify(doc.meta["tr-languages-label"] or "Languages")
  local switch = '<nav class="tr-lang" aria-label="' .. html_escape(label) .. '">' .. table.concat(links, " ") ..
    ' · ' .. table.concat(pdfs, " · ") .. '</nav>'
  doc.blocks:insert(1, pandoc.RawBlock("html", switch))
  return doc
end

-- In the PDF the References page is part of the one document: a chart's numbered source note links to the
-- source's entry there (its label), not to the site's references.html.
local function Link(el)
  if not is_format("typst") then return nil end
  local anchor = el.target:match("^references%.html#(src%-[%w_.%-]+)$")
  if anchor == nil then return nil end
  el.target = "#" .. anchor
  return el
end

-- Each HTML page carries the words its scripts write, in its language: <div id="tr-words" hidden data-reset="…">.
local function script_words_block(doc)
  if not FORMAT:match("html") then return nil end
  local attributes = {}
  for _, key in ipairs(script_words) do
    table.insert(attributes, 'data-' .. key:gsub("_", "-") .. '="' .. html_escape(words[key]) .. '"')
  end
  doc.blocks:insert(pandoc.RawBlock("html", '<div id="tr-words" hidden ' .. table.concat(attributes, " ") .. '></div>'))
  return doc
end

-- In the PDF, quotation marks and apostrophes as written (typst_text, below). Pandoc writes them straight for Typst to curl again, and
-- Typst's guess turns 2021’s into a prime (2021′s) and sets “双11” beside Chinese text as ”双11”: so each curly mark
-- goes to Typst as itself, and a quotation pandoc read from straight marks gets curly ones.
local CURLY = { [0x2018] = true, [0x2019] = true, [0x201C] = true, [0x201D] = true }

-- The units a number keeps with it in Chinese text (a mirror of report/assets/nobr.js, which keeps them together
-- on the site): in the PDF, a number and its units (2021年, 27.6万人次) go to Typst in one box, which no line break
-- enters. A date's parts are boxes of their own (2021年 | 9月): a table's narrow cell may break between them, where a
-- box of the whole date, wider than the cell, was set across three lines with its bracket out of place.
local UNITS = {}
for _, code in utf8.codes("万亿年月日天件人次项元个条倍小时家位场款名分秒%％") do UNITS[code] = true end

local function is_digit(code) return code >= 48 and code <= 57 end

-- Full-width marks a Chinese line never starts with: one right after a number goes into the number's box, or the box
-- (to line breaking, an object either side of which a line may break) would leave it free to open the next line
-- ("2,800万小时 / ：这与…"). The box ends with a hair of space after it: a mark that ends a box ends a line of the
-- box's own, and Typst would set it half-width ("70%。检索" read as one word). (A word joiner after the box keeps the
-- mark too, but goes into the PDF's text, where a reader's search for "2021年，" no longer finds it.)
local CLOSING = {}
for _, code in utf8.codes("，。、；：！？）》」』") do CLOSING[code] = true end

-- Full-width marks a Chinese line never ends with: one right before a number goes into the number's box.
local OPENING = {}
for _, code in utf8.codes("（《「『“") do OPENING[code] = true end

-- The end (an index into `codes`) of the number and its units that start at `i`, with the closing marks after
-- them, or nil when the digits there have no unit after them.
local function chain_end(codes, i)
  local k = i
  while k <= #codes and (is_digit(codes[k]) or ((codes[k] == 44 or codes[k] == 46) and k < #codes
    and is_digit(codes[k + 1]))) do
    k = k + 1
  end
  local last = k
  while last <= #codes and UNITS[codes[last]] do last = last + 1 end
  if last == k then return nil end
  last = last - 1
  while last < #codes and CLOSING[codes[last + 1]] do last = last + 1 end
  return last
end

-- A short bracketed word ((推算), (估计), (人次): at most four ideographs) keeps its characters together: a table's
-- narrow cell broke it after the first (推 / 算). Only the word goes into a box: a bracket at a box's edge is set as
-- if at a line's, half width or followed by a gap, and the brackets themselves never leave the word (no line begins
-- with ） or ends with （). Returns the word's last index, or nil.
local function bracketed_word_end(codes, i)
  if codes[i - 1] ~= 0xFF08 then return nil end
  local k = i
  while k <= #codes and k < i + 4 and codes[k] >= 0x4E00 and codes[k] <= 0x9FFF do k = k + 1 end
  if k == i or codes[k] ~= 0xFF09 then return nil end
  return k - 1
end

-- A closing mark right after a link ("…2022年3月6日；" where the link ends at the date) goes into the link's last
-- word for Typst, where the number's box takes it (above): the link's end is a place a line may break, and a line
-- opened with "；".
local SHORT_LINK = 16  -- characters: a link this short is never broken across lines in the PDF (below)
local function closing_marks_into_links(inlines)
  if not is_format("typst") then return nil end
  local has_link = false  -- most lists hold no link, and are left as they are, not copied
  for _, el in ipairs(inlines) do
    if el.t == "Link" then has_link = true; break end
  end
  if not has_link then return nil end
  local changed = false
  for i = 1, #inlines - 1 do
    local link, after = inlines[i], inlines[i + 1]
    if link.t == "Link" and after.t == "Str" and #link.content > 0 and link.content[#link.content].t == "Str" then
      local marks = {}
      for _, code in utf8.codes(after.text) do
        if not CLOSING[code] then break end
        marks[#marks + 1] = utf8.char(code)
      end
      if #marks > 0 then
        local moved = table.concat(marks)
        local last = link.content[#link.content]
        link.content[#link.content] = pandoc.Str(last.text .. moved)
        after.text = after.text:sub(#moved + 1)
        changed = true
      end
    end
  end
  -- Typst's PDF export stops with "expected link ancestor in logical tree" when a line breaks at some places in or
  -- at the end of a link (typst/typst#8608; the 2020 Chinese PDF's "（晚会：触达与互动）" at a bullet's end did it).
  -- A short link (a chapter's name) is set in a box, never broken. (A word joiner after every link, tried too, went
  -- into the PDF's text: a reader's search or copy would meet it.)
  local out = pandoc.Inlines({})
  for _, el in ipairs(inlines) do
    local short = el.t == "Link" and utf8.len(pandoc.utils.stringify(el.content)) <= SHORT_LINK
    if short then out:insert(pandoc.RawInline("typst", "#box[")) end
    if not (el.t == "Str" and el.text == "") then out:insert(el) end
    if short then out:insert(pandoc.RawInline("typst", "]")) end
    changed = changed or short
  end
  if not changed then return nil end
  return out
end

-- In a page not written in Chinese, a Chinese name of two to four ideographs standing alone (华少, 徐小米, (辛巴)) is
-- one word: Typst may break a line between any two ideographs, and set "Hua Shao (华 / 少)" across two lines.
local function is_ideograph(code) return code ~= nil and code >= 0x4E00 and code <= 0x9FFF end

local function name_end(codes, i)
  if not mark_chinese or is_ideograph(codes[i - 1]) or not is_ideograph(codes[i]) then return nil end
  local k = i
  while is_ideograph(codes[k + 1]) do k = k + 1 end
  if k - i + 1 < 2 or k - i + 1 > 4 or is_digit(codes[k + 1] or 0) then return nil end
  return k
end

local function typst_text(el)
  if not is_format("typst") then return nil end
  -- every change below needs a digit or a character beyond ASCII: a plain English word is left as it is, without
  -- taking it apart character by character (0.09 s of the 0.72 s pandoc took over the English book, measured)
  if not el.text:find("[%d\128-\255]") then return nil end
  local codes = {}
  for _, code in utf8.codes(el.text) do codes[#codes + 1] = code end
  local out, run, changed, i = pandoc.Inlines({}), {}, false, 1
  local function flush()
    if #run > 0 then out:insert(pandoc.Str(table.concat(run))); run = {} end
  end
  while i <= #codes do
    local code = codes[i]
    -- in every language: an English page quotes Chinese titles ("…较2020年增长5倍"), and 78.4% keeps its sign too
    local last = (is_digit(code) and (i == 1 or not is_digit(codes[i - 1]))) and chain_end(codes, i) or nil
    local word_end = (i > 1 and not last) and bracketed_word_end(codes, i) or nil
    word_end = word_end or (not last and name_end(codes, i)) or nil
    if CURLY[code] then
      flush()
      out:insert(pandoc.RawInline("typst", utf8.char(code)))
      changed, i = true, i + 1
    elseif last then
      -- in a page not written in Chinese, a short word right after the number (2023年上半年) is part of it: "2023年
      -- 上半 / 年" broke inside the word in a source's title
      if mark_chinese then
        local k = last
        while is_ideograph(codes[k + 1]) do k = k + 1 end
        if k > last and k - last <= 3 and not is_digit(codes[k + 1] or 0) then last = k end
      end
      local chain = {}
      if #run > 0 and OPENING[codes[i - 1]] then chain[1] = table.remove(run) end  -- （2021年 stays together
      flush()
      for n = i, last do chain[#chain + 1] = utf8.char(codes[n]) end
      local hair = CLOSING[codes[last]] and "#h(0.001pt)" or ""
      out:insert(pandoc.RawInline("typst", "#box[" .. table.concat(chain) .. hair .. "]"))
      changed, i = true, last + 1
    elseif word_end and word_end > i then
      flush()
      local word = {}
      for n = i, word_end do word[#word + 1] = utf8.char(codes[n]) end
      out:insert(pandoc.RawInline("typst", "#box[" .. table.concat(word) .. "]"))
      changed, i = true, word_end + 1
    else
      run[#run + 1] = utf8.char(code)
      i = i + 1
    end
  end
  if not changed then return nil end
  flush()
  return out
end

-- Typst: the paragraphs that introduce a table (up to two: what the file holds, "The shared figure columns, and:")
-- go with it to the next page, as its heading does (sticky), rather than stay behind at the foot of a page
local function is_table(b)
  return b ~= nil and (b.t == "Table" or (b.t == "Div" and b.content[1] ~= nil and b.content[1].t == "Table"))
end

local function keep_with_table(blocks)
  if not is_format("typst") then return nil end
  local sticky = {}
  for i = 1, #blocks do
    if is_table(blocks[i]) then
      for j = i - 1, math.max(1, i - 2), -1 do
        if blocks[j].t ~= "Para" then break end
        sticky[j] = true
      end
    end
  end
  if next(sticky) == nil then return nil end
  local out = pandoc.Blocks({})
  for i, b in ipairs(blocks) do
    if sticky[i] then
      out:insert(pandoc.RawBlock("typst", "#block(sticky: true)["))
      out:insert(b)
      out:insert(pandoc.RawBlock("typst", "]"))
    else
      out:insert(b)
    end
  end
  return out
end

local function quoted_curly(el)
  if not is_format("typst") then return nil end
  local open, close = "“", "”"
  if el.quotetype == "SingleQuote" then open, close = "‘", "’" end
  local out = pandoc.Inlines({ pandoc.RawInline("typst", open) })
  out:extend(el.content)
  out:insert(pandoc.RawInline("typst", close))
  return out
end

-- The passes, in order, each only where its format needs it: every pass walks the whole document, even one whose
-- functions would return nil for every element (with this filter pandoc took 0.71 s over the English book, 0.34 s
-- without it).
local typst, html = is_format("typst"), is_format("html")
local passes = { { Meta = read_words } }
local function pass(wanted, filter) if wanted then passes[#passes + 1] = filter end end
pass(typst, { Meta = bind_title_end })
pass(typst, { Header = bind_heading_end })
pass(typst, { Blocks = keep_with_table })
pass(true, { Span = Span })
pass(typst, { Inlines = closing_marks_into_links })
pass(typst, { Str = typst_text, Quoted = quoted_curly })
pass(true, html and { Div = Div, Inlines = Inlines, Header = Header } or { Div = Div, Link = Link })
pass(html, { Pandoc = language_switch })
pass(html, { Pandoc = script_words_block })
return passes
