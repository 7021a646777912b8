namespace AuditEngine.Cli;

/// <summary>Help texts, in English and Chinese, since both developers and reviewers run the tool.</summary>
public static class Usage
{
    public const string General = """
        AuditEngine — audits department budget disclosures (部门预算公开审核)

        Usage 用法:
          auditengine audit <files or folders>... [options]   audit documents 审核文件
          auditengine annotate <file.pdf> --out PATH.pdf      the PDF with findings outlined 在原件 PDF 上标出问题
          auditengine extract <file> [--out PATH]             print what intake reads, as JSON 输出版面识别结果
          auditengine rules [--rules DIR]                     list the rule catalogue 列出规则
          auditengine rules test [DIR]                        run the rule fixtures in DIR/tests 运行规则夹具
          auditengine admin ...                               the service's organisations, users, API keys 管理单位、用户与密钥
          auditengine --help                                  this help 显示帮助

        Run `auditengine audit --help` for the audit options. 审核选项见 `auditengine audit --help`。

        Exit codes 退出码:
          0  no error-severity finding 无“错误”级问题
          1  some error-severity findings 存在“错误”级问题
          2  bad usage, an unreadable input, or invalid rules 用法错误、文件无法读取或规则无效
        """;

    public const string Audit = """
        Usage 用法:
          auditengine audit <files or folders>... [--rules DIR] [--format json|html|csv|xlsx|pdf] [--out PATH]

        Folders are searched recursively; hidden files and README* files are skipped.
        文件夹递归查找；跳过隐藏文件和 README* 文件。

        Options 选项:
          -r, --rules DIR     rule catalogue folder 规则目录
                              (default: the nearest `rules` folder above the current directory,
                               then above the program 默认：从当前目录、再从程序目录向上查找 rules 文件夹)
          -f, --format FMT    json | html | csv | xlsx | pdf 报告格式
                              (pdf: the printable report, needs Chromium; docs/report-format.md
                               pdf 为可打印报告，需要 Chromium)
                              (default: from --out's extension, else json 默认按 --out 扩展名，否则 json)
          -o, --out PATH      write the report to PATH; repeat to write several formats at once
                              报告输出路径，可重复以同时输出多种格式 (default: stdout 默认输出到标准输出)
          -j, --jobs N        documents processed in parallel 并行处理的文件数 (default: CPU count)
              --ocr ENGINE    local | azure: who reads scans and photos 扫描件与照片的识别引擎
                              (default: $AUDITENGINE_OCR, else local 默认本地 Tesseract; azure needs
                               AUDITENGINE_AZURE_DI_ENDPOINT and AUDITENGINE_AZURE_DI_KEY or _KEY_FILE, docs/azure-di.md)
          -q, --quiet         no per-file progress on stderr 不显示逐个文件的进度
          -h, --help          this help 显示帮助

        Examples 示例:
          auditengine audit samples/ --out out/report.html
          auditengine audit a.pdf b.docx --format csv > findings.csv
          auditengine audit batch/ --out out/report.json --out out/report.xlsx
          auditengine audit a.pdf --out out/report.pdf

        Exit codes 退出码: 0 no errors 无错误 · 1 error findings 有错误级问题 · 2 usage/unreadable/rules 用法、读取或规则问题
        """;

    public const string Rules = """
        Usage 用法:
          auditengine rules [--rules DIR]

          auditengine rules test [DIR]

        Lists every rule: id, category, severity and title. 列出全部规则：编号、类别、严重程度、标题。

        `rules test` runs the fixtures in DIR/tests (DIR: the rules folder, default as above): each fixture's document
        is read and recognised as an upload would be and audited; the rules that fire must be exactly its "fires".
        Prints a table (rule id | fires in | silent in | status), the mismatches and a summary. Exit code 1 when a
        fixture does not match, cannot run, or an enabled rule lacks a fixture where it fires or one where it is
        evaluated and stays silent. Format: docs/rules.md, "Rule fixtures and `rules test`" (in section 11).
        运行 DIR/tests 中的规则夹具：每个夹具的文档按上传文件读取、识别并审核，触发的规则必须恰为其 "fires"；
        有不符、无法运行的夹具，或某条启用规则缺少触发或静默夹具时，退出码为 1。
        """;

    public const string Extract = """
        Usage 用法:
          auditengine extract <file> [--format json] [--out PATH] [--ocr local|azure]

        Reads one file (text, DOCX, XLSX, PDF, scan or photo) and prints its layout as JSON: pages, tables with
        every cell (row, column, spans, text, box, confidence) and paragraphs. Format: docs/layout-format.md.
        读取一个文件并以 JSON 输出版面：页面、表格（每个单元格的行列、合并、文字、位置、置信度）与段落。

        --ocr azure reads scans and photos with Azure AI Document Intelligence (prebuilt-layout) instead of local
        Tesseract; settings in docs/azure-di.md. 使用 Azure 文档智能识别扫描件与照片，设置见 docs/azure-di.md。
        """;

    public const string Annotate = """
        Usage 用法:
          auditengine annotate <file.pdf|image> [--out PATH.pdf] [--rules DIR] [--ocr local|azure]

        Audits one PDF (digital or scanned) and writes it back with every finding's cells outlined in red, a note
        column beside each annotated page (rule id, severity, review state, message) and a PDF comment beside each note.
        The page count stays the source's. Without --out the PDF goes to stdout. A PNG or JPEG image becomes a
        one-page PDF of the image, annotated alike; DOCX, XLSX and text cannot be annotated (use the report).
        Needs Chromium for the note text (docs/report-format.md).
        审核一个 PDF（电子版或扫描件），输出标注版：问题所在单元格以红框标出，页面右侧附说明栏（规则编号、严重程度、
        审核状态、问题说明），并在说明旁添加 PDF 批注；页数与原件相同。适用于 PDF 与 PNG/JPEG 图片。

        Exit codes 退出码: 0 written 已输出 · 2 usage, not a PDF or image, unreadable, rules 用法、非 PDF 或图片、无法读取或规则问题
        """;
}
