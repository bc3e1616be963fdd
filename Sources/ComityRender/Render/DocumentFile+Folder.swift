import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// A folder that many documents are staged in, checked once rather than for every document.
    ///
    ///     let folder = try DocumentFile.Folder("letters")
    ///     let staged = try folder.stage(letter.document, named: letter.fileName, sync: false)
    public struct Folder: Sendable {
        public let path: String
        /// Makes the hidden names unique without drawing random bytes for every document.
        private let names = HiddenNames()

        /// Refuses a path that is not an existing folder.
        public init(_ path: String) throws(ComityError) {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw .invalid("the folder \(path) does not exist; create it first")
            }
            self.path = path
        }

        /// Stages `text` as the file `name` in this folder, exactly as `DocumentFile.stage` would.
        public func stage(_ text: String, named name: String, sync: Bool = true) throws(ComityError) -> Staged {
            let file = (path as NSString).appendingPathComponent(name)
            let target = try DocumentFile.destination(file)
            // A link may name a file in another folder, beside which the document is staged.
            guard target == file else { return try DocumentFile.stage(text, for: file, sync: sync) }
            let temporary = (path as NSString).appendingPathComponent(".\(name).\(names.next()).tmp")
            let staged = Staged(path: file, temporary: temporary, target: target)
            try staged.create(text, sync: sync)
            return staged
        }
    }
}

/// `<random>-1`, `<random>-2`, …: one random part per folder, a counter per document.
private final class HiddenNames: @unchecked Sendable {
    private let prefix = UUID().uuidString
    private let lock = NSLock()
    private var count = 0

    func next() -> String {
        lock.lock()
        count += 1
        let n = count
        lock.unlock()
        return "\(prefix)-\(n)"
    }
}
