import Foundation
import Testing

/// An HTML document printed to PDF by headless Chromium and read back with poppler's tools.
struct PrintedDocument: Sendable, CustomStringConvertible {
    var name: String
    var html: URL
    var pdf: URL
    /// The text of each page, as `pdftotext -layout` lays it out.
    var pages: [[String]] = []

    var description: String { name }

    /// The tools printing needs, each found or a failure naming the package that provides it.
    enum Tools {
        static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        static let pdftotext = "/usr/bin/pdftotext"
        static let pdfinfo = "/usr/bin/pdfinfo"
        static let pdftoppm = "/usr/bin/pdftoppm"

        /// Fails (never skips) when a tool is missing.
        static func require() throws {
            try #require(chromium != nil, "chromium is not installed: apt-get install chromium")
            for tool in [pdftotext, pdfinfo, pdftoppm] {
                try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is not installed: apt-get install poppler-utils")
            }
        }
    }

    /// Prints `html` to `pdf` with its own browser profile (so several can print at once).
    static func print(_ html: URL, to pdf: URL, profile: URL) throws {
        let chromium = URL(fileURLWithPath: try #require(Tools.chromium, "chromium is not installed: apt-get install chromium"))
        let result = try CLI.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString,
        ], in: html.deletingLastPathComponent(), environment: CLI.environment([:]))
        try #require(result.status == 0 && FileManager.default.fileExists(atPath: pdf.path), "chromium could not print \(html.lastPathComponent): \(result)")
    }

    /// Reads the pages back, checking their number against `pdfinfo`.
    mutating func read() throws {
        let folder = pdf.deletingLastPathComponent()
        let info = try CLI.run(URL(fileURLWithPath: Tools.pdfinfo), [pdf.path], in: folder, environment: CLI.environment([:]))
        try #require(info.status == 0, "pdfinfo \(name): \(info)")
        let count = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }, "pdfinfo gave no page count: \(info)")
        let text = try CLI.run(URL(fileURLWithPath: Tools.pdftotext), ["-layout", "-enc", "UTF-8", pdf.path, "-"], in: folder, environment: CLI.environment([:]))
        try #require(text.status == 0, "pdftotext \(name): \(text)")
        var split = text.stdout.components(separatedBy: "\u{0C}")
        // pdftotext ends every page with a form feed, the last one too.
        if split.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { split.removeLast() }
        pages = split.map { $0.components(separatedBy: "\n") }
        try #require(pages.count == count, "\(name): pdftotext read \(pages.count) pages, pdfinfo counts \(count)")
    }

    /// The non-empty lines of page `index`, trimmed.
    func lines(_ index: Int) -> [String] {
        pages[index].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every line of every page but the marks.
    func bodyLines(mark: String) -> [[String]] {
        pages.indices.map { page in lines(page).filter { $0 != mark } }
    }

    /// Writes page 1 as a PNG (`name` without extension) into `folder`.
    func screenshot(named name: String, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = folder.appendingPathComponent(name)
        let result = try CLI.run(URL(fileURLWithPath: Tools.pdftoppm), ["-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", pdf.path, base.path],
                                 in: folder, environment: CLI.environment([:]))
        try #require(result.status == 0, "pdftoppm \(self.name): \(result)")
    }
}

/// What an HTML document says: its mark and the words of its body.
struct HTMLText {
    var html: String

    init(_ url: URL) throws { html = try String(contentsOf: url, encoding: .utf8) }
    init(markup: String) { html = markup }

    /// The text of the first element of `class` (e.g. `mark top`), or nil.
    func text(ofClass name: String) -> String? {
        guard let open = html.range(of: "class=\"\(name)\">"), let close = html.range(of: "</", range: open.upperBound..<html.endIndex) else { return nil }
        return Self.decode(String(html[open.upperBound..<close.lowerBound]))
    }

    /// The lines of text inside `<tag …>…</tag>` elements, in order (headings, say).
    func texts(of tag: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let open = rest.range(of: "<\(tag)"), let end = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
              let close = rest.range(of: "</\(tag)>", range: end.upperBound..<rest.endIndex) {
            found.append(Self.plain(String(rest[end.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The words a reader sees in the body, without the marks (which print in the page margins).
    var words: [String] {
        guard let start = html.range(of: "<body"), let end = html.range(of: "</body>") else { return [] }
        var body = String(html[start.lowerBound..<end.lowerBound])
        while let mark = body.range(of: "<div class=\"mark"), let close = body.range(of: "</div>", range: mark.upperBound..<body.endIndex) {
            body.removeSubrange(mark.lowerBound..<close.upperBound)
        }
        // A chart's title is its accessible name, not printed: its table beside it says the same.
        while let title = body.range(of: "<title"), let close = body.range(of: "</title>", range: title.upperBound..<body.endIndex) {
            body.removeSubrange(title.lowerBound..<close.upperBound)
        }
        return Self.plain(body).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Markup removed (block tags become spaces, inline ones nothing), entities decoded, white space collapsed.
    static func plain(_ markup: String) -> String {
        let blocks: Set<String> = ["p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "dt", "dd", "dl",
                                   "br", "section", "article", "header", "main", "footer", "title", "span"]
        var out = ""
        var tag: String?
        for c in markup {
            if c == "<" { tag = "" } else if c == ">", let name = tag {
                let bare = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blocks.contains(bare) { out.append(" ") }
                tag = nil
            } else if tag != nil { tag!.append(c) } else { out.append(c) }
        }
        return decode(out).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func decode(_ text: String) -> String {
        var s = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&#x2F;", "/"), ("&nbsp;", " ")] {
            s = s.replacingOccurrences(of: entity, with: character)
        }
        return s.replacingOccurrences(of: "&amp;", with: "&")
    }
}
