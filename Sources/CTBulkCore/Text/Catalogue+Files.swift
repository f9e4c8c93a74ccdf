extension Catalogue {
    /// Job files that cannot be read at all.
    static let fileEntries: [String: Entry] = [
        "jobfile.not_found": Entry(en: "{path}: no such file.", ru: "{path}: файл не найден."),
        "jobfile.directory": Entry(en: "{path}: is a directory, not a file.", ru: "{path}: это папка, а не файл."),
        "jobfile.unreadable": Entry(en: "{path}: cannot read the file ({reason}).", ru: "{path}: файл не читается ({reason})."),
        "jobfile.unsupported_format": Entry(en: "{path}: expected a CSV (.csv, .txt, .tsv) or JSON (.json) file.",
                                            ru: "{path}: ожидается CSV (.csv, .txt, .tsv) или JSON (.json)."),
    ]
}
