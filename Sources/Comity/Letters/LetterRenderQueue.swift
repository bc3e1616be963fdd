import Dispatch
import Foundation

/// Renders a batch's letters on every core while the store goes on composing the next ones.
///
/// Letters come back in the order they were submitted, exactly as rendering them one by one
/// would give them; when any fails, the batch fails with the error of the first letter in that
/// order, as it would one by one, and only after every render under way has finished.
final class LetterRenderQueue: @unchecked Sendable {
    /// Called on a rendering thread with each letter and its place in the batch, e.g. to write its file.
    typealias Delivery = @Sendable (_ letter: Letter, _ index: Int) throws -> Void

    private let renderer: DocumentRenderer
    private let deliver: Delivery?
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var letters: [Letter?] = []
    private var failure: (index: Int, error: any Error)?

    init(renderer: DocumentRenderer, deliver: Delivery?) {
        self.renderer = renderer
        self.deliver = deliver
    }

    /// Queues a letter for rendering; `number` is its register number, nil for a preview.
    func submit(_ composer: LetterComposer, _ spec: LetterSpec, number: String?) {
        lock.lock()
        let index = letters.count
        letters.append(nil)
        lock.unlock()
        let renderer = renderer, deliver = deliver
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            // A letter after one that failed is not needed: the batch fails anyway.
            guard !failed(before: index) else { return }
            do {
                let letter = try ComityStore.render(composer, spec, number: number, renderer: renderer)
                try deliver?(letter, index)
                lock.lock()
                letters[index] = letter
                lock.unlock()
            } catch {
                fail(index, error)
            }
        }
    }

    /// Waits for every letter; returns them in order, or throws the first failure in that order.
    func finish() throws -> [Letter] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure.error }
        return letters.map { $0! }
    }

    /// Waits for every letter when composing the next one failed, so no render outlives the batch.
    /// Returns the error of a letter that failed to render: it comes first in the batch's order.
    func abandon() -> (any Error)? {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return failure?.error
    }

    private func failed(before index: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure.map { $0.index < index } ?? false
    }

    private func fail(_ index: Int, _ error: any Error) {
        lock.lock()
        if failure == nil || index < failure!.index { failure = (index, error) }
        lock.unlock()
    }
}
