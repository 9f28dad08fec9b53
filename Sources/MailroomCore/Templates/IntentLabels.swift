/// Human labels for the intents of the default model, in each shipped language.
public enum IntentLabels {
    /// The label of `intent` in `language` (a language tag such as `de` or `de-CH`).
    ///
    /// Falls back to English for other languages, and to the intent name with spaces for unknown intents.
    public static func label(for intent: String, language: String) -> String {
        let primary = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        let column = primary.flatMap { languages.firstIndex(of: $0) } ?? 0
        guard let labels = table[intent] else { return intent.replacingUnderscores }
        return labels[column]
    }

    /// The languages of the table's columns.
    public static let languages = ["en", "de", "fr", "es"]

    private static let table: [String: [String]] = [
        "cancel_order": [
            "order cancellation", "Stornierung einer Bestellung", "annulation de commande", "cancelación de un pedido",
        ],
        "change_order": [
            "changing an order", "Änderung einer Bestellung", "modification de commande", "modificación de un pedido",
        ],
        "change_shipping_address": [
            "changing the delivery address", "Änderung der Lieferadresse", "modification de l'adresse de livraison",
            "cambio de la dirección de entrega",
        ],
        "check_cancellation_fee": [
            "cancellation fees", "Stornogebühren", "frais d'annulation", "gastos de cancelación",
        ],
        "check_invoice": [
            "checking an invoice", "Prüfung einer Rechnung", "vérification d'une facture", "revisión de una factura",
        ],
        "check_payment_methods": ["payment methods", "Zahlungsarten", "moyens de paiement", "métodos de pago"],
        "check_refund_policy": [
            "refund policy", "Rückerstattungsbedingungen", "conditions de remboursement", "política de reembolso",
        ],
        "complaint": ["complaint", "Beschwerde", "réclamation", "reclamación"],
        "contact_customer_service": [
            "contacting customer service", "Kontakt zum Kundenservice", "contact avec le service client",
            "contacto con atención al cliente",
        ],
        "contact_human_agent": [
            "speaking to a person", "persönliche Beratung", "contact avec un conseiller", "hablar con una persona",
        ],
        "create_account": ["creating an account", "Kontoerstellung", "création de compte", "creación de una cuenta"],
        "delete_account": [
            "deleting an account", "Kontolöschung", "suppression de compte", "eliminación de una cuenta",
        ],
        "delivery_options": ["delivery options", "Versandoptionen", "options de livraison", "opciones de envío"],
        "delivery_period": ["delivery time", "Lieferzeit", "délai de livraison", "plazo de entrega"],
        "edit_account": [
            "changing account details", "Änderung der Kontodaten", "modification des données du compte",
            "modificación de los datos de la cuenta",
        ],
        "get_invoice": ["getting an invoice", "Rechnungsanforderung", "demande de facture", "solicitud de factura"],
        "get_refund": ["refund request", "Rückerstattung", "demande de remboursement", "solicitud de reembolso"],
        "newsletter_subscription": [
            "newsletter subscription", "Newsletter-Abonnement", "abonnement à la newsletter", "suscripción al boletín",
        ],
        "payment_issue": ["payment problem", "Zahlungsproblem", "problème de paiement", "problema con el pago"],
        "place_order": ["placing an order", "Bestellvorgang", "passation de commande", "realización de un pedido"],
        "recover_password": [
            "password recovery", "Zurücksetzen des Passworts", "réinitialisation du mot de passe",
            "recuperación de la contraseña",
        ],
        "registration_problems": [
            "registration problems", "Probleme bei der Registrierung", "problèmes d'inscription",
            "problemas con el registro",
        ],
        "review": ["feedback", "Feedback", "avis", "opinión"],
        "set_up_shipping_address": [
            "setting up a delivery address", "Einrichten einer Lieferadresse", "ajout d'une adresse de livraison",
            "configuración de una dirección de entrega",
        ],
        "switch_account": ["switching accounts", "Kontowechsel", "changement de compte", "cambio de cuenta"],
        "track_order": ["order tracking", "Sendungsverfolgung", "suivi de commande", "seguimiento del pedido"],
        "track_refund": [
            "refund status", "Stand der Rückerstattung", "suivi du remboursement", "estado del reembolso",
        ],
    ]
}

extension String {
    /// `track_order` as `track order`.
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
