package dev.vellum.guidelines;

import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project's living FAQ: one document per entry ({@code faq/<id>.json}); every transition is
 * recorded in the audit trail. Transitions: open -> decided -> promoted; open or decided ->
 * duplicate or withdrawn. Anything else throws {@link IllegalStateException} naming the entry and its status.
 *
 * <p>Plain object over one open project; cheap to create. Not thread-safe.
 */
public final class Faq {
    private final StoredProject project;

    public Faq(StoredProject project) {
        this.project = project;
    }

    /** Every entry, oldest first. */
    public List<FaqEntry> list() throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The entries {@code query} matches, oldest first. */
    public List<FaqEntry> list(FaqQuery query) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** One entry. */
    public Optional<FaqEntry> get(String id) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The decided and promoted entries that concern {@code label}: what an editor shows beside it. */
    public List<FaqEntry> concerning(String label) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Raises a question from {@code context}; status open. */
    public FaqEntry raise(FaqContext context, String question, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Decides an open entry (or changes the answer of a decided one). */
    public FaqEntry decide(String id, String answer, List<FaqExample> examples, Set<String> extraLabels, String user)
            throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Promotes a decided entry into the guideline draft: {@code text} (default: the question and the
     * answer) is appended at the end of the section whose heading is {@code section} (created at the
     * end of the draft when absent). The entry links to the version that publishes the draft.
     */
    public FaqEntry promote(String id, String section, String text, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Marks an open or decided entry as a duplicate of another. */
    public FaqEntry markDuplicate(String id, String ofId, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Withdraws an open or decided entry. */
    public FaqEntry withdraw(String id, String reason, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }
}
