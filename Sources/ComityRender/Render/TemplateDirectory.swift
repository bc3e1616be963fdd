import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `*.mustache` files under a folder, read synchronously and confined to it.
struct TemplateDirectory {
    /// One template file: its library name (relative path without `.mustache`) and text.
    struct File: Sendable {
        let name: String
        let relativePath: String
        let source: String
    }

    /// The folder with every symbolic link resolved; all templates must resolve inside it.
    let root: String
    let files: [File]

    init(_ directory: URL) throws(RenderError) {
        let requested = directory.path
        guard let root = Self.realPath(requested) else {
            throw .unreadableDirectory(path: requested, reason: "it does not exist")
        }
        self.root = root
        var files: [File] = []
        // Resolved folders already listed: a link back to a parent must not loop forever.
        var visited: Set<String> = [root]
        var pending: [(path: String, components: [String])] = [(root, [])]
        while let (folder, components) = pending.popLast() {
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw .unreadableDirectory(path: folder, reason: "it cannot be listed")
            }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let relative = (components + [entry]).joined(separator: "/")
                let path = folder + "/" + entry
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                guard isFolder.boolValue || entry.hasSuffix(".mustache") else { continue }
                guard let resolved = Self.realPath(path) else {
                    throw .unreadableTemplate(file: relative, reason: "its link cannot be followed")
                }
                guard Self.isInside(resolved, root) else {
                    throw .outsideDirectory(file: relative, target: resolved, directory: root)
                }
                if isFolder.boolValue {
                    if visited.insert(resolved).inserted { pending.append((path, components + [entry])) }
                    continue
                }
                let name = (components + [String(entry.dropLast(".mustache".count))]).joined(separator: "/")
                guard !name.contains("..") else { throw .invalidTemplateName(name: name, file: relative) }
                files.append(File(name: name, relativePath: relative, source: try Self.read(path, relative: relative)))
            }
        }
        self.files = files.sorted { $0.name < $1.name }
    }

    /// The largest template file read; real ones are a few kilobytes.
    static let maximumBytes = 1 << 20

    private static func read(_ path: String, relative: String) throws(RenderError) -> String {
        // A pipe would block the read forever, and a huge file is no template.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadableTemplate(file: relative, reason: "it is not a regular file")
        }
        guard Int(info.st_size) <= maximumBytes else {
            throw .unreadableTemplate(file: relative, reason: "it is \(info.st_size) bytes, more than the \(maximumBytes) a template may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableTemplate(file: relative, reason: "it cannot be opened")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableTemplate(file: relative, reason: "it is not valid UTF-8")
        }
        return text
    }

    /// `realpath(3)`: the absolute path with every link, `.` and `..` resolved, or nil if it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }
}
