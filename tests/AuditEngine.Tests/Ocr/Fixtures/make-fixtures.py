"""Regenerates the OCR test fixtures: a budget table rendered the way intake renders PDF pages.

table.html -> LibreOffice -> table.pdf -> pdftoppm -gray at each DPI -> <name>.png (page cropped around the table and
the paragraph under it) and <name>.tsv (cell interiors found from the ruling lines, with the text each holds).
Run from this folder: python3 make-fixtures.py   (needs soffice, pdftoppm and the Noto Serif CJK font)
"""
import os, subprocess, sys, tempfile, zlib, struct

ROWS = [
    ("科目编码", "科目名称", "合计", "基本支出", "比上年增减"),
    ("208", "社会保障和就业支出", "132,372.61", "4230.21", "12.5%"),
    ("20801", "人力资源和社会保障管理事务", "0.00", "1,056.30", "-3.27%"),
    ("2080101", "行政运行", "87.45", "-12.50", "0.00"),
    ("210", "卫生健康支出", "9,806.04", "365.98", "100.0%"),
    ("2101101", "行政单位医疗", "2,714,093.18", "56.7", "-0.81%"),
    ("221", "住房保障支出", "1,234.56", "7,890.12", "25.00%"),
    ("2210201", "住房公积金", "3.00", "603.19", "-100.00%"),
    ("", "一般公共服务支出", "44,018.72", "19.99", "8.06%"),
    ("", "机关事业单位基本养老保险缴费支出", "5,000.00", "2,468.35", "-45.1%"),
    ("", "合计", "137,696.57", "14,552.08", "1.75%"),
]
PARAGRAPH = "一、部门收支预算情况说明。2025年收入预算132,372.61万元，其中一般公共预算拨款收入4230.21万元，比上年增加12.5%。主要原因是人员经费和社会保障缴费增加。"


def make_pdf(folder):
    cell = lambda j, i, c: f'<td{" align=right" if j >= 2 and i > 0 else ""}><font face="Noto Serif CJK SC" size="3">{c}</font></td>'
    html = ['<html><head><meta charset="utf-8"></head><body>',
            '<h2 align="center"><font face="Noto Serif CJK SC">2025年部门支出预算表</font></h2>',
            '<table border="1" cellpadding="5" cellspacing="0">']
    html += ["<tr>" + "".join(cell(j, i, c) for j, c in enumerate(r)) + "</tr>" for i, r in enumerate(ROWS)]
    html += ["</table>", f'<p><font face="Noto Serif CJK SC" size="3">{PARAGRAPH}</font></p>', "</body></html>"]
    with open(os.path.join(folder, "table.html"), "w", encoding="utf-8") as f:
        f.write("\n".join(html))
    # The StarWriter HTML filter keeps table borders and cell alignment; the default Writer/Web import drops them.
    subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", folder, os.path.join(folder, "table.html")], check=True, capture_output=True)
    return os.path.join(folder, "table.pdf")


def render(pdf, dpi, name):
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", pdf], capture_output=True, check=True).stdout
    parts = pgm.split(b"\n", 3)
    w, h = map(int, parts[1].split()); px = parts[3]
    dark = lambda x, y: px[y * w + x] < 160  # the table's ruling lines render grey (~128)

    def groups(idx):
        out = []
        for i in idx:
            if out and i == out[-1][1] + 1: out[-1][1] = i
            else: out.append([i, i])
        return out

    # Horizontal rulings span the table; vertical ones are the columns dark all through the header row.
    rows = groups([y for y in range(h) if sum(1 for x in range(0, w, 2) if dark(x, y)) > w // 4])
    top, bottom = rows[0][0], rows[-1][1]
    cols = groups([x for x in range(w) if all(dark(x, y) for y in range(rows[0][1] + 2, rows[1][0] - 1))])
    texts = ROWS
    assert len(rows) == len(texts) + 1 and len(cols) == len(texts[0]) + 1, (len(rows), len(cols))
    # Crop from a little above the title to below the paragraph, so the fixture stays small.
    y0 = max(0, top - int(0.45 * dpi)); y1 = min(h, bottom + int(0.7 * dpi))
    x0 = max(0, cols[0][0] - int(0.2 * dpi)); x1 = min(w, cols[-1][1] + int(0.5 * dpi))
    cw, ch = x1 - x0, y1 - y0
    raw = b"".join(b"\0" + px[(y0 + y) * w + x0:(y0 + y) * w + x1] for y in range(ch))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(name + ".png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", cw, ch, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(name + ".tsv", "w", encoding="utf-8") as f:
        f.write("# x\ty\twidth\theight\tmode\ttext  (cell interiors between ruling lines, in the PNG's pixels)\n")
        for r, line in enumerate(texts):
            for c, t in enumerate(line):
                if not t: continue
                mode = "Text" if r == 0 or c == 1 else "Numeric"
                x = cols[c][1] + 1 - x0; y = rows[r][1] + 1 - y0
                f.write(f"{x}\t{y}\t{cols[c+1][0] - x0 - x}\t{rows[r+1][0] - y0 - y}\t{mode}\t{t}\n")
        f.write(f"{0}\t{bottom + 2 - y0}\t{cw}\t{ch - (bottom + 2 - y0)}\tBlock\tparagraph\n")
    print(name, cw, ch, "rows", len(rows), "cols", len(cols))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(tmp)
        for dpi in (int(a) for a in (sys.argv[1:] or ["100"])):
            render(pdf, dpi, f"table-{dpi}dpi")
