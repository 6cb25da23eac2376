// The console's catalogues: the German .qm that lrelease built loads and
// translates known strings, the .ts files have no unfinished entry, and no
// translation lost or invented a placeholder (%1, %n, ...).
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

namespace
{
    struct TsMessage
    {
        QString context;
        QString source;
        bool finished = false;
        QStringList forms; // one, or one per plural form
    };

    // The messages of a .ts file, or an empty list with the reason in *error.
    QList<TsMessage> readTs(const QString &path, QString *error)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
            return {};
        }
        QList<TsMessage> messages;
        QString context;
        QXmlStreamReader xml(&file);
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto name = xml.name();
            if (name == u"name"_s) {
                context = xml.readElementText();
            } else if (name == u"message"_s) {
                messages.append(TsMessage{context, {}, false, {}});
            } else if (name == u"source"_s && !messages.isEmpty()) {
                messages.last().source = xml.readElementText();
            } else if (name == u"translation"_s && !messages.isEmpty()) {
                TsMessage &message = messages.last();
                const QStringView type = xml.attributes().value(u"type"_s);
                message.finished = type != u"unfinished"_s && type != u"vanished"_s && type != u"obsolete"_s;
                QString text; // a plain translation, or the white space between <numerusform>s
                while (!xml.atEnd()) {
                    const QXmlStreamReader::TokenType token = xml.readNext();
                    if (token == QXmlStreamReader::Characters)
                        text += xml.text();
                    else if (token == QXmlStreamReader::StartElement && xml.name() == u"numerusform"_s)
                        message.forms.append(xml.readElementText());
                    else if (token == QXmlStreamReader::EndElement)
                        break; // </translation>
                }
                if (message.forms.isEmpty())
                    message.forms.append(text);
            }
        }
        if (xml.hasError())
            *error = u"%1:%2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return messages;
    }

    QSet<QString> placeholders(const QString &text)
    {
        static const QRegularExpression pattern(u"%(\\d+|n|p)"_s);
        QSet<QString> found;
        for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
            found.insert(match.captured());
        return found;
    }

    // The letter after a single '&' ("&&" is a literal ampersand), lower case.
    QChar mnemonic(const QString &text)
    {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text[i] != u'&')
                continue;
            if (text[i + 1] == u'&') {
                ++i;
                continue;
            }
            if (!text[i + 1].isSpace())
                return text[i + 1].toLower();
        }
        return {};
    }

    QString tsPath(const QString &language)
    {
        return QStringLiteral(OTA_TS_DIR) + u"/ota-console_"_s + language + u".ts"_s;
    }
} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The way ota-console asks for it: the locale picks ota-console_de.qm
        // even when the region is named too.
        QVERIFY2(m_german.load(QLocale(u"de_DE"_s), u"ota-console"_s, u"_"_s, QStringLiteral(OTA_QM_DIR)),
                 qPrintable(u"no ota-console_de.qm in "_s + QStringLiteral(OTA_QM_DIR)));
        QCOMPARE(m_german.language(), u"de"_s);
    }

    void germanTranslatesKnownStrings_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("german");
        QTest::newRow("page name") << u"MainWindow"_s << u"Fleet"_s << u"Flotte"_s;
        QTest::newRow("window title") << u"MainWindow"_s << u"OTA Rollout Console"_s << u"OTA-Rollout-Konsole"_s;
        QTest::newRow("core model column") << u"Models::StagesModel"_s << u"Stage"_s << u"Stufe"_s;
        QTest::newRow("action with mnemonic") << u"RolloutActionBar"_s << u"&Approve"_s << u"&Freigeben"_s;
        QTest::newRow("command line") << u"main"_s << u"The ota-server base URL."_s << u"Die Basis-URL des ota-server."_s;
    }

    void germanTranslatesKnownStrings()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, german);
        QCOMPARE(m_german.translate(context.toUtf8().constData(), source.toUtf8().constData()), german);
    }

    // Whichever plural the catalogue holds first: the .qm picks its German
    // forms by the count (other engineers' strings come and go).
    void germanPluralsFollowTheCount()
    {
        const TsMessage plural = firstGermanPlural();
        QVERIFY2(!plural.source.isEmpty(), "ota-console_de.ts holds no plural (%n) entry");
        const QByteArray context = plural.context.toUtf8();
        const QByteArray source = plural.source.toUtf8();
        QCOMPARE(m_german.translate(context.constData(), source.constData(), nullptr, 1), plural.forms.at(0));
        QCOMPARE(m_german.translate(context.constData(), source.constData(), nullptr, 5), plural.forms.at(1));
    }

    // An installed catalogue changes what the application shows, not just
    // what the translator holds.
    void installedCatalogueTranslatesTheApplication()
    {
        const TsMessage plural = firstGermanPlural();
        QVERIFY(!plural.source.isEmpty());
        QString three = plural.forms.at(1);
        three.replace(u"%n"_s, u"3"_s);
        QVERIFY(QCoreApplication::installTranslator(&m_german));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Settings"), u"Einstellungen"_s);
        QCOMPARE(QCoreApplication::translate(plural.context.toUtf8().constData(), plural.source.toUtf8().constData(),
                                             nullptr, 3),
                 three);
        QVERIFY(QCoreApplication::removeTranslator(&m_german));
        QCOMPARE(QCoreApplication::translate("MainWindow", "Settings"), u"Settings"_s);
    }

    void catalogueIsComplete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("pluralForms");
        QTest::addColumn<bool>("everyString"); // English holds only the plural forms
        QTest::newRow("de") << u"de"_s << 2 << true;
        QTest::newRow("en") << u"en"_s << 2 << false;
    }

    void catalogueIsComplete()
    {
        QFETCH(QString, language);
        QFETCH(int, pluralForms);
        QFETCH(bool, everyString);
        QString error;
        const QList<TsMessage> messages = readTs(tsPath(language), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        QStringList problems;
        for (const TsMessage &message : messages) {
            const QString where = message.context + u": "_s + message.source;
            if (!message.finished) {
                problems << u"unfinished: "_s + where;
                continue;
            }
            const bool plural = message.source.contains(u"%n"_s) && message.forms.size() > 1;
            if (!everyString && !plural)
                problems << u"not a plural, needs no English entry: "_s + where;
            if (plural && message.forms.size() != pluralForms)
                problems << u"%1 plural forms instead of %2: "_s.arg(message.forms.size()).arg(pluralForms) + where;
            const QSet<QString> wanted = placeholders(message.source);
            for (const QString &form : message.forms) {
                if (form.isEmpty()) {
                    problems << u"empty translation: "_s + where;
                    continue;
                }
                QSet<QString> got = placeholders(form);
                if (plural)
                    got.insert(u"%n"_s); // "jede Sekunde" may say the count in words
                if (got != wanted)
                    problems << u"placeholders differ: "_s + where + u" -> "_s + form;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // Within one class (one dialog or page, mostly), a translation must not
    // give two strings the same Alt+letter unless their English ones share it.
    void germanMnemonicsStayDistinct()
    {
        QString error;
        const QList<TsMessage> messages = readTs(tsPath(u"de"_s), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QHash<QString, QHash<QChar, QStringList>> german; // context -> letter -> strings
        QHash<QString, QHash<QChar, int>> english;
        for (const TsMessage &message : messages) {
            const QChar source = mnemonic(message.source);
            const QChar translated = message.forms.isEmpty() ? QChar() : mnemonic(message.forms.first());
            QVERIFY2(source.isNull() == translated.isNull(),
                     qPrintable(u"mnemonic lost or added: "_s + message.context + u": "_s + message.source));
            if (!source.isNull()) {
                ++english[message.context][source];
                german[message.context][translated].append(message.forms.first());
            }
        }
        QStringList clashes;
        for (auto context = german.cbegin(); context != german.cend(); ++context) {
            for (auto letter = context->cbegin(); letter != context->cend(); ++letter) {
                if (letter->size() > 1 && english[context.key()].value(letter.key()) < letter->size())
                    clashes << context.key() + u": "_s + letter->join(u" / "_s);
            }
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
    }

    // ota-console itself: --language picks the catalogue before anything is
    // printed, so even --help is in it.
    void consoleSpeaksTheChosenLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de") << u"de"_s << u"Die Basis-URL des ota-server."_s;
        QTest::newRow("en") << u"en"_s << u"The ota-server base URL."_s;
    }

    void consoleSpeaksTheChosenLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, expected);
        const ConsoleRun run = runConsole({u"--language"_s, language, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.output.contains(expected), qPrintable(run.output));
    }

    void consoleRefusesAnUnknownLanguage()
    {
        const ConsoleRun run = runConsole({u"--language"_s, u"fr"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errors.contains(u"'fr' is not a console language; use en or de"_s), qPrintable(run.errors));
    }

    // The check above must see an unfinished entry when there is one.
    void unfinishedEntryIsFound()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(u"x.ts"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\" language=\"de\">"
                   "<context><name>C</name><message><source>Fleet</source>"
                   "<translation type=\"unfinished\"></translation></message></context></TS>\n");
        file.close();
        QString error;
        const QList<TsMessage> messages = readTs(file.fileName(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().context, u"C"_s);
        QVERIFY(!messages.first().finished);
    }

private:
    struct ConsoleRun
    {
        int exitCode = -1;
        QString output;
        QString errors;
    };

    // ota-console with its settings in a directory of its own (never the
    // user's), offscreen; it must end by itself (--help, or a refusal).
    ConsoleRun runConsole(const QStringList &arguments)
    {
        QProcess console;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        // --help leaves through exit() inside QCommandLineParser with the
        // QApplication still alive: what it holds then is not a leak.
        if (environment.contains(u"ASAN_OPTIONS"_s))
            environment.insert(u"ASAN_OPTIONS"_s, environment.value(u"ASAN_OPTIONS"_s) + u":detect_leaks=0"_s);
        console.setProcessEnvironment(environment);
        console.start(QStringLiteral(OTA_CONSOLE_PATH), arguments);
        ConsoleRun run;
        if (!console.waitForFinished(120000)) {
            console.kill();
            console.waitForFinished();
            run.errors = u"ota-console did not end: "_s + console.errorString();
            return run;
        }
        run.exitCode = console.exitStatus() == QProcess::NormalExit ? console.exitCode() : -1;
        run.output = QString::fromUtf8(console.readAllStandardOutput());
        run.errors = QString::fromUtf8(console.readAllStandardError());
        return run;
    }

    static TsMessage firstGermanPlural()
    {
        QString error;
        for (const TsMessage &message : readTs(tsPath(u"de"_s), &error)) {
            if (message.forms.size() == 2 && message.finished)
                return message;
        }
        return {};
    }

    QTranslator m_german;
    QTemporaryDir m_config;
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
