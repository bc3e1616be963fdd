import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DocumentFile {
    /// The hidden names documents are written under before they are renamed into place, and the
    /// removal of those a killed run left behind.
    ///
    /// A name says which process wrote it: `.comity-staged-<host>-<pid>-<run>-<n>.tmp`, with
    /// `<host>` eight hex digits standing for the machine's name, `<pid>` the process, `<run>`
    /// eight random hex digits drawn once per process and `<n>` a counter. The next run that
    /// writes into the folder removes every such file of this machine whose process is gone (or
    /// is this very process under a run it never drew, its number having been reused).
    package enum Staging {
        static let prefix = ".comity-staged-"
        static let suffix = ".tmp"

        /// This machine, this process and this run, as they appear in names.
        static let host = hex(fnv1a(hostName()))
        static let run = hex(UInt32.random(in: .min ... .max))
        private static let counter = Counter()

        /// A fresh name for a document about to be written.
        static func next() -> String {
            name(host: host, process: getpid(), run: run, count: counter.next())
        }

        static func name(host: String, process: Int32, run: String, count: Int) -> String {
            "\(prefix)\(host)-\(process)-\(run)-\(count)\(suffix)"
        }

        /// Removes from `folder` the staged files of processes of this machine that are gone.
        /// A file that cannot be removed (another account's) is left; nothing here fails.
        package static func removeLeftovers(in folder: String) {
            guard let directory = opendir(folder) else { return }
            defer { closedir(directory) }
            let ourProcess = getpid()
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                    tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { pointer in
                        // Most names are not ours: compare the prefix before making a string.
                        strncmp(pointer, prefix, prefix.utf8.count) == 0 ? String(cString: pointer) : nil
                    }
                }
                guard let name, let owner = owner(of: name), owner.host == host else { continue }
                let gone = owner.process == ourProcess ? owner.run != run : kill(owner.process, 0) != 0 && errno == ESRCH
                if gone { unlink((folder as NSString).appendingPathComponent(name)) }
            }
        }

        /// The machine, process and run a staged name stands for, or nil for any other name.
        static func owner(of name: String) -> (host: String, process: Int32, run: String)? {
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            let parts = name.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0].count == 8, parts[2].count == 8, Int(parts[3]) != nil,
                  let process = Int32(parts[1]), process > 0 else { return nil }
            return (String(parts[0]), process, String(parts[2]))
        }

        private static func hostName() -> String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        private static func fnv1a(_ text: String) -> UInt32 {
            text.utf8.reduce(2_166_136_261 as UInt32) { ($0 ^ UInt32($1)) &* 16_777_619 }
        }

        private static func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }
    }

    /// The name a document would be staged under by `process` of this machine, for a run drawn
    /// as `run` (eight hex digits): what a killed run leaves behind, and the next one removes.
    public static func stagingName(process: Int32, run: String, count: Int = 1) -> String {
        Staging.name(host: Staging.host, process: process, run: run, count: count)
    }
}

/// 1, 2, 3…, from any thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
