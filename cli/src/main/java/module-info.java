/** The backprop command line. */
module dev.backprop.cli {
    requires dev.backprop.core;
    requires dev.backprop.io;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires VectorGraphics2D;
    requires java.desktop;

    opens dev.backprop.cli to info.picocli;
}
