import Foundation
import Testing

/// The shared desk in a real browser: `Tests/Browser/run.py` drives headless Chromium through
/// Selenium against `comity serve` (flows, clearance, refusals, axe, the README's screenshots).
/// Python, its packages, chromium and chromedriver are required: their absence fails the test.
@Suite("Browser")
struct BrowserTests {
    /// The package's root folder, found upward from this file.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// The packages the browser tests import, as `.ci/run` pins them.
    static let packages = "selenium==4.50.0 axe-selenium-python==2.1.6"

    /// The python to run them with: $COMITY_BROWSER_PYTHON (set by `.ci/run` to the environment it
    /// installed the packages into), else the first python3 on PATH that can import them.
    static func python(in folder: URL) throws -> URL? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let chosen = environment["COMITY_BROWSER_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
        candidates.append(root.appendingPathComponent(".build/browser-python/bin/python3").path)
        let path = environment["PATH"] ?? ""
        candidates += (path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]).map { $0 + "/python3" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let probe = try CLI.run(URL(fileURLWithPath: candidate), ["-c", "import selenium, axe_selenium_python"], in: folder,
                                    environment: CLI.environment(["PATH": path]))
            if probe.status == 0 { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    @Test("in headless Chromium: sign in, reply, correct, letters, clearance, refusals, accessibility and screenshots")
    func browser() throws {
        try withSandbox { box in
            let binary = try #require(CLI.binary, "cannot find the built comity executable")
            let python = try #require(try Self.python(in: box.url), """
                no python3 can import selenium and axe_selenium_python; run .ci/run, or \
                'python3 -m pip install \(Self.packages)' and set COMITY_BROWSER_PYTHON to that python3
                """)
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let result = try CLI.run(python, [Self.root.appendingPathComponent("Tests/Browser/run.py").path], in: box.url,
                                     environment: CLI.environment([
                                         "PATH": path, "COMITY_BINARY": binary.path, "COMITY_ROOT": Self.root.path,
                                         "TMPDIR": box.url.path, "PYTHONDONTWRITEBYTECODE": "1",
                                     ]))
            // run.py closes with 'browser: N passed, N failed'; some must have run, none failed.
            let closing = result.lines.last ?? ""
            #expect(result.status == 0 && closing.hasPrefix("browser: ") && closing.hasSuffix(" passed, 0 failed")
                    && !closing.hasPrefix("browser: 0 passed"), "\(result)")
        }
    }
}
