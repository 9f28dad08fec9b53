/// The intents of the default model, which each need a reply template.
public enum DefaultIntents {
    /// The 27 intent names of the default model, sorted.
    public static let names: [String] = [
        "cancel_order", "change_order", "change_shipping_address", "check_cancellation_fee", "check_invoice",
        "check_payment_methods", "check_refund_policy", "complaint", "contact_customer_service",
        "contact_human_agent", "create_account", "delete_account", "delivery_options", "delivery_period",
        "edit_account", "get_invoice", "get_refund", "newsletter_subscription", "payment_issue", "place_order",
        "recover_password", "registration_problems", "review", "set_up_shipping_address", "switch_account",
        "track_order", "track_refund",
    ]
}
