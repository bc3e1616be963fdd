import GRDB

/// A large stall query read on one connection in chunks of consecutive references.
extension ComityStore {
    /// Streams every assessment in scope to `body`, in reference order, as `forEachAssessment`
    /// does, but reads the scope a chunk of references at a time: the first chunk of `first`
    /// references, the next ones of `size`. Each statement of a chunk starts from that chunk's
    /// list, so the first assessments come once a few requests are read, not after every list
    /// of the scope is; a caller with work to share out (a letter batch) starts it sooner.
    static func forEachAssessmentInChunks(
        _ db: Database, _ scope: StallScope, context: StallContext, first: Int, size: Int, _ body: (Assessment) throws -> Void
    ) throws {
        let (candidates, arguments) = try candidateQuery(db, scope, view: context.view)
        let references = try String.fetchAll(db.cachedStatement(sql: candidates), arguments: arguments)
        var start = 0
        // One chunk at least, so a scope with no request still checks its counterpart and case.
        repeat {
            let end = min(references.count, start + (start == 0 ? max(1, first) : max(1, size)))
            var chunk = scope
            chunk.candidates = references[start..<end]
            // The chunk's bounds keep its moves and its corrected requests to its own references.
            if start > 0 { chunk.referencesFrom = references[start] }
            if end < references.count { chunk.referencesBelow = references[end] }
            try forEachAssessment(db, chunk, context: context, body)
            start = end
        } while start < references.count
    }
}
