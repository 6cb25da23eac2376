// The core library is shared by the console, the server, the simulator and
// otactl: a GUI dependency here would drag Qt Gui into headless programs.
// Qt defines QT_GUI_LIB / QT_WIDGETS_LIB for every target that links them.
#if defined(QT_WIDGETS_LIB) || defined(QT_GUI_LIB)
#error "otacore (app/) must not link Qt Gui or Qt Widgets; put GUI code in ui/"
#endif
