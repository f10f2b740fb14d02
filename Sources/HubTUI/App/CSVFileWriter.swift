import Foundation
import HubCore

/// Writes the accounts CSV off the main actor: rows in chunks with progress, into a temporary
/// file beside the target that is renamed at the end (a failed export leaves no half file).
enum CSVFileWriter {
    enum Outcome: Sendable, Equatable {
        case written(path: String, rows: Int)
        case exists(path: String)
        case failed(String)
    }

    static func expand(_ path: String, home: String = NSHomeDirectory()) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }

    static func write(channels: [Channel], clients: [String: Client], to rawPath: String, overwrite: Bool,
                      progress: @Sendable (Int, Int) async -> Void) async -> Outcome {
        let path = expand(rawPath)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { return .failed("\(path) is a folder: add a file name.") }
            if !overwrite { return .exists(path: path) }
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else { return .failed("The folder \(folder) does not exist.") }
        guard fm.isWritableFile(atPath: folder) else { return .failed("The folder \(folder) is not writable.") }
        let rows = CSVExport.rows(channels: channels, clients: clients)
        let temp = folder + "/.\((path as NSString).lastPathComponent).partnerhub-\(getpid()).tmp"
        guard fm.createFile(atPath: temp, contents: nil), let handle = FileHandle(forWritingAtPath: temp) else {
            return .failed("Cannot create a file in \(folder).")
        }
        do {
            try handle.write(contentsOf: Data(CSVExport.head().utf8))
            let chunk = 2000
            var done = 0
            while done < rows.count {
                let part = rows[done..<min(rows.count, done + chunk)]
                try handle.write(contentsOf: Data(CSVExport.renderRows(part).utf8))
                done += part.count
                await progress(done, rows.count)
            }
            try handle.close()
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: temp, toPath: path)
            return .written(path: path, rows: rows.count)
        } catch {
            try? handle.close()
            try? fm.removeItem(atPath: temp)
            return .failed("Could not write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
