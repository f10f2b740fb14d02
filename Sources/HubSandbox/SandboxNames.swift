/// Word pools for realistic, deterministic sandbox companies and numbers. Unicode on purpose:
/// accents, CJK, emoji and right-to-left names must all render and sort.
enum SandboxNames {
    struct Country {
        let code: String
        let dial: String
        let prefixes: [String]
        let digits: Int       // subscriber digits after the prefix
        let currency: String
        let names: [String]   // company name stems
        let suffixes: [String]
    }

    static let countries: [Country] = [
        Country(code: "DE", dial: "49", prefixes: ["30", "40", "89", "151", "160", "176"], digits: 7, currency: "EUR",
                names: ["Müller Bäckerei", "Schäfer Logistik", "Grüne Wiese", "Köhler & Söhne", "Berliner Brötchen", "Sonnenschein Reisen"],
                suffixes: ["GmbH", "AG", "KG", "e.K."]),
        Country(code: "FR", dial: "33", prefixes: ["6", "7", "1"], digits: 8, currency: "EUR",
                names: ["Café Lumière", "Boulangerie Étoile", "Crème & Co", "Hôtel Bellevue", "Librairie Côté Sud"],
                suffixes: ["SARL", "SAS", "SA"]),
        Country(code: "ES", dial: "34", prefixes: ["6", "7"], digits: 8, currency: "EUR",
                names: ["Peña Viajes", "Jamón Ibérico Muñoz", "Óptica Castaño", "Año Nuevo Eventos"],
                suffixes: ["S.L.", "S.A."]),
        Country(code: "GB", dial: "44", prefixes: ["7700", "7400", "20"], digits: 6, currency: "GBP",
                names: ["Acme Retail", "Thames Tea Room", "Northern Lights Travel", "Baker Street Books"],
                suffixes: ["Ltd", "PLC", "LLP"]),
        Country(code: "US", dial: "1", prefixes: ["212", "415", "312", "646"], digits: 7, currency: "USD",
                names: ["Brooklyn Bagels", "Golden Gate Dental", "Lakeside Auto", "Taco 🌮 Loco", "Rocket 🚀 Delivery"],
                suffixes: ["Inc.", "LLC", "Corp."]),
        Country(code: "BR", dial: "55", prefixes: ["1199", "2198", "3199"], digits: 7, currency: "BRL",
                names: ["São Paulo Moda", "Açaí do Norte", "Padaria Pão Quente", "Óculos Visão"],
                suffixes: ["Ltda", "S.A.", "ME"]),
        Country(code: "IN", dial: "91", prefixes: ["98", "99", "90"], digits: 8, currency: "INR",
                names: ["Sharma Textiles", "Chennai Spices", "Mumbai Masala Express", "Bengaluru Tech Works"],
                suffixes: ["Pvt Ltd", "LLP"]),
        Country(code: "AE", dial: "971", prefixes: ["50", "55"], digits: 7, currency: "USD",
                names: ["شركة الأمل للتجارة", "مطعم الشرق", "Desert Rose Tours", "دار الكتب"],
                suffixes: ["LLC", "FZE"]),
        Country(code: "CN", dial: "86", prefixes: ["138", "139", "186"], digits: 8, currency: "USD",
                names: ["北京星辰科技", "上海美食坊", "深圳创新电子", "杭州茶叶"],
                suffixes: ["有限公司", "Co., Ltd."]),
        Country(code: "JP", dial: "81", prefixes: ["90", "80"], digits: 8, currency: "USD",
                names: ["田中商店", "さくら旅行", "Tokyo Ramen 🍜", "山本電機"],
                suffixes: ["株式会社", "K.K."]),
        Country(code: "MX", dial: "52", prefixes: ["155", "133"], digits: 7, currency: "USD",
                names: ["Panadería La Espiga", "Tacos Güero", "Ñandú Artesanías"],
                suffixes: ["S.A. de C.V.", "S. de R.L."]),
        Country(code: "IL", dial: "972", prefixes: ["52", "54"], digits: 7, currency: "USD",
                names: ["חברת השמש", "Tel Aviv Coffee", "מאפיית כהן"],
                suffixes: ["Ltd", "בע״מ"]),
    ]

    static let displayNames = ["Support", "Sales", "Bookings", "Orders", "Service", "Info", "Kundenservice", "Atención", "客服", "サポート", "خدمة العملاء", "Help ✨"]

    static let templateNames = ["welcome_message", "order_update", "shipping_confirmation", "appointment_reminder",
                                "payment_due", "otp_code", "feedback_request", "promo_summer", "account_alert"]
    static let languages = ["en", "de", "es", "fr", "pt_BR", "en_US", "ar", "zh_CN", "ja"]

    static let userNames = [("Ana Souza", "ana"), ("Jonas Weber", "jonas"), ("Priya Nair", "priya"), ("Kenji Sato", "kenji")]

    static let partnerBrands = [("Nordic Messaging", false, false, false), ("AutoConnect", true, false, false),
                                ("PayElsewhere", false, true, false), ("CardFirst Partners", false, false, true),
                                ("Instant Approve Ltd", true, false, true)]
}
