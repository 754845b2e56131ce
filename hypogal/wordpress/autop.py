"""WordPress's wpautop(), ported: classic-editor posts store paragraphs as blank lines.

WordPress turns them into <p> and <br> only when it shows a post; an importer reading the raw
text must do the same, or every post becomes one paragraph. This follows wp-includes/
formatting.php (WordPress 6.x) step by step, for the parts that matter to stored content.
"""

import re

BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)


def _sub(pattern, replacement, text):
    return re.sub(pattern, replacement, text, flags=re.IGNORECASE)


def autop(text):
    if not text.strip():
        return ""
    kept = []

    def keep(match):
        # <pre> keeps its line breaks exactly: set it aside while the rest is reflowed.
        kept.append(match.group(0))
        return f"<pre data-wp-kept=\"{len(kept) - 1}\"></pre>"

    text = re.sub(r"<pre[\s>].*?</pre>", keep, text, flags=re.S | re.I)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A line break inside a tag (between attributes) is not a paragraph break.
    text = re.sub(r"<[^<>]*>", lambda m: m.group(0).replace("\n", " "), text)
    text = _sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text + "\n")
    text = _sub(rf"(<{BLOCKS}[\s/>])", r"\n\n\1", text)
    text = _sub(rf"(</{BLOCKS}>)", r"\1\n\n", text)
    text = _sub(r"<hr\s*?/?>", "<hr />\n\n", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk.strip(chr(10))}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = _sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = _sub(rf"<p>\s*(</?{BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = _sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = _sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _sub(rf"<p>\s*(</?{BLOCKS}[^>]*>)", r"\1", text)
    text = _sub(rf"(</?{BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = _sub(rf"(</?{BLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = _sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    return re.sub(r'<pre data-wp-kept="(\d+)"></pre>', lambda m: kept[int(m.group(1))], text)
