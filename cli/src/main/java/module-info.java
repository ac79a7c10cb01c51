/** The backprop command line. */
module dev.backprop.cli {
    requires dev.backprop.core;
    requires info.picocli;

    opens dev.backprop.cli to info.picocli;
}
