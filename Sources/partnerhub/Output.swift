import Foundation

/// One line to stderr; never a secret (callers pass messages built from typed errors).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
