import ArgumentParser
import Comity
import Foundation

/// Reads input files with a size limit and a clear message when they cannot be read.
enum InputFile {
    static func read(_ path: String, limit: Int) throws -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw ValidationFailure("cannot read \(path): no such file; check the path")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else {
            throw ValidationFailure("\(path) is \(size) bytes, more than the \(limit) Comity reads; check it is the right file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationFailure("cannot read \(path); check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationFailure("\(path) is not UTF-8 text; save it as UTF-8 and try again")
        }
        return text
    }
}
