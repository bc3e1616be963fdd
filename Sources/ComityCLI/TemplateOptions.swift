import ArgumentParser
import Comity
import Foundation

/// Where the templates and schemas are.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Templates folder (default: $COMITY_TEMPLATES, ./templates, or the one shipped with comity).", valueName: "dir"))
    var templates: String?

    func renderer() throws -> DocumentRenderer {
        try DocumentRenderer(templates: URL(fileURLWithPath: try folder()))
    }

    func folder() throws -> String {
        if let templates { return try Self.check(templates, from: "--templates") }
        if let env = ProcessInfo.processInfo.environment["COMITY_TEMPLATES"], !env.isEmpty {
            return try Self.check(env, from: "COMITY_TEMPLATES")
        }
        if Self.isFolder("templates") { return "templates" }
        // Next to a build of the package: walk up from the executable.
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("templates")
            if Self.isFolder(candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        throw ValidationFailure("cannot find the templates folder; run comity from the folder that holds templates/, or give --templates DIR or COMITY_TEMPLATES")
    }

    private static func check(_ path: String, from source: String) throws -> String {
        guard !path.isEmpty else { throw ValidationFailure("\(source) is empty; give the templates folder") }
        guard isFolder(path) else { throw ValidationFailure("the templates folder \(path) given by \(source) does not exist; check the path") }
        return path
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
