import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files SQLite keeps for one database — the database itself and its `-wal`, `-shm` and
/// `-journal` files — which no document may be written over.
///
/// A report written to the database's own path would replace it, and one written to its
/// `-wal` would be taken for the database's log. Every writer of documents takes the files to
/// spare:
///
///     try DocumentFile.write(report, to: out, sparing: store.files)
public struct DatabaseFiles: Sendable {
    /// The database's path as it was opened.
    public let path: String

    static let suffixes = ["", "-wal", "-shm", "-journal"]

    public init(_ path: String) {
        self.path = path
    }

    /// Refuses `output` when it is one of the database's files: the same file (device and inode,
    /// so `./x.sqlite`, links and hard links are caught) when it exists, else the same place once
    /// `.`, `..` and links in its folder are resolved (a `-wal` that SQLite has yet to create).
    public func check(_ output: String) throws(ComityError) {
        var info = stat()
        if stat(output, &info) == 0 {
            for (suffix, file) in existing() where file == FileID(info) { throw refusal(output, suffix) }
        }
        guard let place = Self.place(output) else { return }
        for (suffix, candidate) in places() where candidate == place { throw refusal(output, suffix) }
    }

    /// The checks of `check` for the many files of one folder, worked out once: each file is then
    /// checked by its name and, when it exists, its identity.
    func guardFolder(_ folder: String) -> FolderGuard {
        let resolved = Self.place(folder)
        var names: [String: String] = [:]
        for (suffix, candidate) in places() {
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == resolved { names[(candidate as NSString).lastPathComponent] = suffix }
        }
        return FolderGuard(database: self, names: names, files: existing())
    }

    struct FolderGuard: Sendable {
        let database: DatabaseFiles
        let names: [String: String]
        let files: [(suffix: String, id: FileID)]

        /// Refuses the file `name` of the folder, at `path`; by its name alone when nothing has
        /// that name yet (`exists` false).
        func check(_ name: String, path: String, exists: Bool = true) throws(ComityError) {
            if let suffix = names[name] { throw database.refusal(path, suffix) }
            var info = stat()
            guard exists, !files.isEmpty, stat(path, &info) == 0 else { return }
            for (suffix, file) in files where file == FileID(info) { throw database.refusal(path, suffix) }
        }
    }

    /// The identities of those of the files that exist now.
    private func existing() -> [(suffix: String, id: FileID)] {
        var found: [(String, FileID)] = []
        for suffix in Self.suffixes {
            var info = stat()
            if stat(path + suffix, &info) == 0 { found.append((suffix, FileID(info))) }
        }
        return found
    }

    /// Where each file is, or would be: beside the database as named, and beside the file a link
    /// names (SQLite follows a link to the database and keeps its journal beside the real file).
    private func places() -> [(suffix: String, place: String)] {
        var bases: [String] = []
        if let resolved = Self.resolved(path) { bases.append(resolved) }
        if let named = Self.beside(path), !bases.contains(named) { bases.append(named) }
        return bases.flatMap { base in Self.suffixes.map { ($0, base + $0) } }
    }

    fileprivate func refusal(_ output: String, _ suffix: String) -> ComityError {
        let what: String
        switch suffix {
        case "": what = "the database \(path) itself"
        case "-wal": what = "the write-ahead log of the database \(path)"
        case "-shm": what = "the shared-memory index of the database \(path)"
        default: what = "the rollback journal of the database \(path)"
        }
        return .invalid("cannot write \(output): it is \(what), and writing there would destroy it; give another file name")
    }

    /// `path` with its folder's links, `.` and `..` resolved, whether or not the file exists; nil
    /// when the folder does not exist.
    static func place(_ path: String) -> String? {
        resolved(path) ?? beside(path)
    }

    /// `path` with its folder resolved but not its own name.
    private static func beside(_ path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        guard let parent = resolved(folder.isEmpty ? "." : folder) else { return nil }
        let name = (path as NSString).lastPathComponent
        return parent == "/" ? "/" + name : parent + "/" + name
    }

    private static func resolved(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A file's identity: its device and inode.
struct FileID: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

