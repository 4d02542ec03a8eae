// In Chinese text, each number is kept on one line with its unit (2021年, 27.6万人次, 200个): Chinese may break a line
// between any two characters, and a browser breaks 2021|年 at a line's end as readily as between two ideographs. On
// a Chinese page that is all its text; on another page, the Chinese runs it marks with lang="zh" (a source's title,
// "…增长12.5%"). In English text, an amount stays whole with its currency and scale (RMB 381.2 billion, 8 million):
// "RMB / 10,000" and "23.81 / million" broke across lines on a phone. Done here, in the reader's browser, so the
// page's text stays as written (copy, search, tools).
(function () {
  var chinesePage = /^zh/i.test(document.documentElement.lang);
  // In both, a date as the tables write it stays whole (2021-06-16, 2020-01, 2021/6/16): a narrow column broke 2021-06-|16.
  var date = "\\d{4}-\\d{2}(?:-\\d{2})?|\\d{4}/\\d{1,2}/\\d{1,2}";
  // a Chinese day stays whole too (2021年6月16日): it broke 2021年6月|16日 in the data dictionary (a month, 2020年1月,
  // may still break after 年: kept whole it widened the scorecard's year columns past a desktop's width)
  var chineseDate = "\\d{4}年\\d{1,2}月\\d{1,2}日";
  // and a short word in brackets, （半年）, （推算）: 复购率（半|年） read as two words (report.lua's mirror keeps it whole)
  var numberAndUnit = new RegExp(date + "|" + chineseDate + "|\\d(?:[\\d,.]*\\d)?[万亿年月日天件人次项元个条倍小时家位场款名分秒%％]+|（[\\u4e00-\\u9fff]{1,4}）", "g");
  var amount = new RegExp(date + "|(?:RMB )?\\d(?:[\\d,.]*\\d)?(?: (?:million|billion|trillion))|RMB \\d(?:[\\d,.]*\\d)?", "g");
  var root = document.querySelector("main") || document.body;
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
  var found = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("svg, script, style, code, pre, .tr-nobr")) continue;
    var chinese = chinesePage || node.parentElement.closest('[lang|="zh"]');
    var pattern = chinese ? numberAndUnit : amount;
    pattern.lastIndex = 0;
    if (pattern.test(node.data)) found.push([node, pattern]);
  }
  found.forEach(function (item) {
    var node = item[0], pattern = item[1];
    var text = node.data, done = 0, parts = document.createDocumentFragment(), match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text))) {
      if (match.index > done) parts.appendChild(document.createTextNode(text.slice(done, match.index)));
      var kept = document.createElement("span");
      kept.className = "tr-nobr";
      kept.textContent = match[0];
      parts.appendChild(kept);
      done = match.index + match[0].length;
    }
    if (done < text.length) parts.appendChild(document.createTextNode(text.slice(done)));
    node.parentNode.replaceChild(parts, node);
  });
  // A Chinese table cell of one word (快手自己, 独立第三方, 累计或某一时点), the first column's long names aside, is kept
  // on one line: a squeezed column broke it 快手自/己. Only such cells, so a wide table still fits a desktop's width.
  if (chinesePage) {
    root.querySelectorAll("td, th").forEach(function (cell) {
      if (cell.cellIndex > 0 && /^[\u4e00-\u9fff]{2,8}$/.test(cell.textContent.trim())) cell.classList.add("tr-nobr");
    });
  }
})();
