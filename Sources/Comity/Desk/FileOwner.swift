import Foundation

/// Who owns a database file: a store with accounts is the serving account's alone.
enum FileOwner {
    /// Refuses unless the program runs as the system account that owns the file.
    static func requireCurrentAccount(owns path: String) throws(ComityError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .store("cannot read the owner of \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_uid == geteuid() else {
            throw .forbidden("\(path) has accounts and belongs to the system account that serves it (uid \(info.st_uid)); sign in through its web interface, or run comity as that account")
        }
    }

    /// Makes the database and the files SQLite keeps beside it readable and writable by their owner only.
    static func restrictToOwner(_ path: String) throws(ComityError) {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            guard chmod(path + suffix, 0o600) == 0 else {
                throw .store("cannot make \(path + suffix) readable by its owner only: \(String(cString: strerror(errno)))")
            }
        }
    }
}
