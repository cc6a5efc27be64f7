import JSONCore
import LambdaRuntime

/// Operator events invoked by hand or on a schedule.
enum OperatorRoutes {
  static func register(into table: inout RouteTable) {
    table.register(.operatorAction("ping")) { context, _ in
      .json([
        "ok": true, "version": .string(Product.version), "coldStart": .bool(context.coldStart),
      ])
    }
    table.fallback(for: .operatorAction) { context, _ in
      throw FunctionError(
        type: "InvalidEvent.UnknownAction",
        message:
          "unknown action '\(context.event["action"]?.string ?? "")': expected ping, health or diagnostics"
      )
    }
  }
}
