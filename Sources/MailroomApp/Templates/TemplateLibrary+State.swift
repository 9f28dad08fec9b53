import Foundation

extension TemplateLibrary {
    /// One template file as last seen on disk, with its last good compiled version.
    struct LoadedFile: Sendable {
        /// The stamp of the version last read (good or not), so a broken file is not recompiled every check.
        let stamp: TemplateDirectory.Stamp
        /// The last version that compiled and checked without errors, if any.
        let template: CompiledTemplate?
        /// The errors of the version on disk (empty when it is the one in use).
        let problems: [TemplateProblem]
    }

    /// The mutable state behind the library's lock.
    struct State: Sendable {
        /// Every file, by path.
        var files: [TemplatePath: LoadedFile] = [:]
        /// The usable templates, rebuilt after each load.
        var set = TemplateSet([:])
        /// When the files were last checked.
        var lastCheck: ContinuousClock.Instant?
        /// A problem with the directory itself (it vanished or cannot be listed), if any.
        var directoryProblem: TemplateProblem?

        /// Every current problem.
        var problems: [TemplateProblem] {
            (directoryProblem.map { [$0] } ?? []) + files.values.flatMap(\.problems)
        }

        /// Checks the directory and reloads the files that changed; returns whether anything changed.
        mutating func reload(_ directory: URL, at instant: ContinuousClock.Instant) -> Bool {
            lastCheck = instant
            let scan: TemplateDirectory
            do {
                scan = try TemplateDirectory.scan(directory)
            } catch {
                directoryProblem = TemplateProblem(
                    file: ".", message: "\(error); the templates loaded before stay in use", severity: .error)
                return false
            }
            directoryProblem = nil
            guard scan.files != files.mapValues(\.stamp) else { return false }
            load(scan)
            return true
        }

        /// Compiles the files of `scan` whose stamp changed, keeping the last good version of broken ones.
        mutating func load(_ scan: TemplateDirectory) {
            var loaded: [TemplatePath: LoadedFile] = [:]
            for (path, stamp) in scan.files {
                let previous = files[path]
                if let previous, previous.stamp == stamp {
                    loaded[path] = previous
                    continue
                }
                loaded[path] = Self.compile(path, stamp: stamp, in: scan, previous: previous?.template)
            }
            files = loaded
            set = TemplateSet(loaded)
        }

        private static func compile(
            _ path: TemplatePath, stamp: TemplateDirectory.Stamp, in scan: TemplateDirectory,
            previous: CompiledTemplate?
        ) -> LoadedFile {
            var errors: [TemplateProblem]
            if let text = scan.read(path) {
                let kind = TemplateKind(name: path.name, intents: [])
                let result = TemplateCompiler.compile(text, path: path, kind: kind)
                if let template = result.template { return LoadedFile(stamp: stamp, template: template, problems: []) }
                errors = result.problems.filter { $0.severity == .error }
            } else {
                errors = [
                    TemplateProblem(file: path.relativePath, message: "cannot be read as UTF-8", severity: .error)
                ]
            }
            let consequence =
                previous == nil
                ? "not used: there is no good version of this file"
                : "the last good version of this file stays in use"
            errors.append(TemplateProblem(file: path.relativePath, message: consequence, severity: .error))
            return LoadedFile(stamp: stamp, template: previous, problems: errors)
        }
    }
}
