#pragma once
#include <QFrame>

class QLabel;
class QToolButton;

namespace dqui {

// An inline message above the views (core's error messages, notes, where an export
// went), in place of modal dialogs that would stop a demo.
class MessageBar : public QFrame {
    Q_OBJECT

public:
    enum class Kind { Info, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);
    void show(Kind kind, const QString& text);
    Kind kind() const { return kind_; }
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* icon_;
    QLabel* text_;
    QToolButton* close_;
    Kind kind_ = Kind::Info;
};

} // namespace dqui
