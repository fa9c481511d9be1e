#pragma once
#include <QList>
#include <QString>

namespace dqui {

// The languages DQ Studio speaks and the switch between them. Installing a language
// sends every widget a LanguageChange event; widgets retranslate themselves then.
class Language {
public:
    struct Entry {
        QString code;   // "en", "zh_CN"
        QString native; // the language's own name, e.g. "中文 (简体)"
    };
    static QList<Entry> available();

    // Installs the translators for `code` ("" or "system": the system's language, "en":
    // none). Returns false (and keeps English) when the translation is missing.
    static bool apply(const QString& code);
    // The code in effect ("en" when no translation is installed).
    static QString current();
};

} // namespace dqui
