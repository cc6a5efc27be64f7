import JSONCore

/// One line of the doctor's report: what was checked, whether it passed, what was found,
/// and, when it failed, the one thing to do about it. Never a secret: the report goes
/// through the log's redactor, and no check puts a secret's value in `detail`.
struct DoctorCheck {
  let name: String
  let ok: Bool
  let detail: String
  let fix: String?

  static func pass(_ name: String, _ detail: String) -> DoctorCheck {
    DoctorCheck(name: name, ok: true, detail: detail, fix: nil)
  }

  static func fail(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
    DoctorCheck(name: name, ok: false, detail: detail, fix: fix)
  }

  var json: JSON {
    [
      "name": .string(name), "ok": .bool(ok), "detail": .string(detail),
      "fix": fix.map(JSON.string) ?? .null,
    ]
  }
}
