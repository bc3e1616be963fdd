import Foundation

/// The languages of a templates folder: each `<tag>/` holding a `phrases.json`, whose phrase
/// file is read on first use and kept.
final class LanguageFolders: @unchecked Sendable {
    private let directory: URL
    private var loaded: [LetterLanguage: Phrasebook] = [:]
    private let lock = NSLock()

    init(directory: URL) { self.directory = directory }

    /// Every language with a phrase file, sorted by tag.
    var available: [LetterLanguage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            guard let language = LetterLanguage(rawValue: name),
                  FileManager.default.fileExists(atPath: phraseFile(language).path) else { return nil }
            return language
        }
    }

    func phraseFile(_ language: LetterLanguage) -> URL {
        directory.appendingPathComponent(language.rawValue).appendingPathComponent("phrases.json")
    }

    func phrasebook(_ language: LetterLanguage) throws(ComityError) -> Phrasebook {
        lock.lock()
        defer { lock.unlock() }
        if let phrases = loaded[language] { return phrases }
        let file = phraseFile(language)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let tags = available.map(\.rawValue)
            let list = tags.isEmpty ? "none" : tags.joined(separator: ", ")
            throw .invalid("no language '\(language.rawValue)' in the templates folder \(directory.path) (a language is a folder \(language.rawValue)/ with its letter templates and phrases.json); the languages available are: \(list)")
        }
        do {
            let phrases = try Phrasebook(language: language, data: data)
            loaded[language] = phrases
            return phrases
        } catch {
            throw .document("the phrase file \(file.path) cannot be used: \(error.description); correct it (templates/README.md lists the keys)")
        }
    }
}
