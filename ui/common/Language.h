#pragma once
#include <QList>
#include <QString>

namespace dqui {

// The languages DQ Studio speaks and the switch between them. Installing a language
// sends every widget a LanguageChange event; widgets retranslate themselves then.
class Language {
public:
    struct Entry {
        QString code; // "en", "zh_CN"
        QString native; // the language's own name, e.g. "中文 (简体)"
        QString english; // its name in English, readable without the language's font
    };
    static QList<Entry> available();

    // Installs the translators for `code` ("" or "system": the system's language, "en":
    // none). Returns false (and keeps English) when the translation is missing.
    static bool apply(const QString& code);
    // The code in effect ("en" when no translation is installed).
    static QString current();
    // Whether an installed font covers the language's script (false: its text would show
    // as empty boxes).
    static bool hasFont(const QString& code);
    // The menu entry of a language: its own name, and its English one too where no
    // installed font covers its script.
    static QString menuText(const Entry& e);
};

} // namespace dqui
