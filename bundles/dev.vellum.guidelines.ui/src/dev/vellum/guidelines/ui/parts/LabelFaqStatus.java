package dev.vellum.guidelines.ui.parts;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqStatus;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;

/**
 * In the status line, whatever the editor: how many FAQ answers and open questions concern the
 * label of the selected annotation, as a link (and F1) to them and to the guideline section.
 */
public final class LabelFaqStatus {
    /** The command F1 runs. */
    static final String LABEL_GUIDELINES = "dev.vellum.guidelines.ui.command.labelGuidelines";

    @Inject
    @Optional
    ECommandService commands;
    @Inject
    @Optional
    EHandlerService handlers;

    private ProjectSession session;
    private Link link;
    private Composite root;
    private String label;
    /** The FAQ as last read; read again when the FAQ or the project changes, not on every selection. */
    private List<FaqEntry> entries;

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 3;
        layout.marginWidth = 8;
        root.setLayout(layout);
        link = Widgets.id(new Link(root, SWT.NONE), "status.labelFaq");
        link.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        // A click anywhere on the text, not only on the underlined words.
        link.addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                openGuidelines();
            }
        });
        link.setCursor(parent.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
        update();
    }

    @Inject
    void projectChanged(@Optional ProjectSession s) {
        session = s;
        label = null;
        entries = null;
        update();
    }

    @Inject
    void selectionChanged(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        String l = EditorFocus.labelOf(selection, active);
        if (l != null && !l.equals(label)) {
            label = l;
            update();
        }
    }

    @Inject
    @Optional
    void faqChanged(@UIEventTopic(GuidelinesEvents.CHANGED) Object what) {
        entries = null;
        update();
    }

    /** The text shown, for tests: empty when nothing is shown. */
    public String text() {
        return link == null || !link.getVisible() ? "" : link.getText();
    }

    private void update() {
        if (link == null || link.isDisposed()) {
            return;
        }
        String text = "";
        if (session != null && label != null && !label.isEmpty()) {
            try {
                if (entries == null) {
                    entries = new Faq(session.stored()).list();
                }
                text = describe(label, entries);
            } catch (StoreException | RuntimeException e) {
                Problems.log(e);
            }
        }
        link.setText(text);
        link.setToolTipText(text.isEmpty() ? null : "Show the FAQ and the guideline section about '" + label + "' (F1)");
        link.setVisible(!text.isEmpty());
        ((GridData) link.getLayoutData()).exclude = text.isEmpty();
        root.requestLayout();
    }

    /** The link text for {@code label}: empty when no entry concerns it. */
    static String describe(String label, List<FaqEntry> entries) {
        long answers = 0;
        long open = 0;
        for (FaqEntry e : entries) {
            if (!e.labels().contains(label)) {
                continue;
            }
            if (e.status() == FaqStatus.DECIDED || e.status() == FaqStatus.PROMOTED) {
                answers++;
            } else if (e.status() == FaqStatus.OPEN) {
                open++;
            }
        }
        if (answers == 0 && open == 0) {
            return "";
        }
        String what = (answers > 0 ? Widgets.count(answers, "answer", "answers") : "")
                + (answers > 0 && open > 0 ? ", " : "") + (open > 0 ? Widgets.count(open, "open question", "open questions") : "");
        return "<a>FAQ on " + label.replace("&", "&&") + "</a>: " + what + "  (F1)";
    }

    private void openGuidelines() {
        if (commands == null || handlers == null) {
            return;
        }
        ParameterizedCommand c = commands.createCommand(LABEL_GUIDELINES, null);
        if (c != null && handlers.canExecute(c)) {
            handlers.executeHandler(c);
        }
    }
}
