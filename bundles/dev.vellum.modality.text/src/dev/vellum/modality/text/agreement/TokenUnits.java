package dev.vellum.modality.text.agreement;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Segmentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Token-level labels, the usual basis of Cohen's and Fleiss' kappa for NER: one unit per token of
 * the document, in which every annotator has a value: the label of the spans covering the token
 * (any overlap counts; nested spans give their labels joined, {@code LOC+ORG}), or {@value #OUTSIDE}
 * when none does. Unit ids are {@code text.token:<start>-<end>}. Unlike span units, a span counts
 * in every token it covers, and relations make no token units.
 * <p>
 * Tokens are those stored with the document, else the project's tokenizer's, which needs the
 * document's text: call {@link #units(StoredProject, Item, List, LabelSchema)} with the store, or
 * the item's asset must carry its tokens.
 */
@Component(service = AgreementUnits.class)
public final class TokenUnits extends TextUnits {
    /** The service id. */
    public static final String ID = "text.tokens";
    /** The kind of its units. */
    public static final String KIND = "text.token";
    /** The value of a token no span of the annotator covers. */
    public static final String OUTSIDE = "O";

    /** The DS service. */
    public TokenUnits() {
        super(ID, "Token labels (O outside spans)");
    }

    /** The units from the tokens stored with the item's asset; throws when it has none (see the class comment). */
    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        return units(null, item, sets, schema);
    }

    /**
     * @throws IllegalArgumentException when there are no stored tokens and no store to read the
     *                                  document from, or the document cannot be read (naming it)
     */
    @Override
    public List<AgreementUnit> units(StoredProject stored, Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Marked.requireDistinct(item, sets);
        return unitsOver(segmentation(stored, item), item, sets);
    }

    /** The units over the given tokens. */
    public List<AgreementUnit> unitsOver(Segmentation tokens, Item item, List<AnnotationSet> sets) {
        Marked.requireDistinct(item, sets);
        int n = tokens.tokenCount();
        List<List<String>[]> labels = new ArrayList<>(sets.size());
        List<List<String>[]> ids = new ArrayList<>(sets.size());
        for (AnnotationSet set : sets) {
            @SuppressWarnings("unchecked")
            List<String>[] l = new List[n];
            @SuppressWarnings("unchecked")
            List<String>[] a = new List[n];
            for (Marked.MarkedSpan s : new Marked(set).spans) {
                if (s.span().length() == 0) {
                    continue;
                }
                for (int k = firstEndingAfter(tokens, s.span().start()); k < n && tokens.tokenStart(k) < s.span().end(); k++) {
                    (l[k] == null ? l[k] = new ArrayList<>(1) : l[k]).add(s.label());
                    (a[k] == null ? a[k] = new ArrayList<>(1) : a[k]).add(s.id());
                }
            }
            labels.add(l);
            ids.add(a);
        }
        List<AgreementUnit> out = new ArrayList<>(n);
        AgreementValue outside = AgreementValue.of(OUTSIDE);
        for (int k = 0; k < n; k++) {
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (int i = 0; i < sets.size(); i++) {
                List<String> l = labels.get(i)[k];
                ratings.put(sets.get(i).annotator(), l == null ? new AgreementUnit.Rating(outside, List.of(), 1)
                        : new AgreementUnit.Rating(AgreementValue.of(l.size() == 1 ? l.get(0) : Marked.joined(l)), ids.get(i)[k], 1));
            }
            out.add(new AgreementUnit(item.id(), KIND + ":" + tokens.tokenStart(k) + "-" + tokens.tokenEnd(k), KIND, MeasurementLevel.NOMINAL,
                    ratings));
        }
        return out;
    }

    private static Segmentation segmentation(StoredProject stored, Item item) {
        try {
            Segmentation s = Segmentation.fromAsset(TextDocuments.textAsset(item));
            if (s != null) {
                return s;
            }
        } catch (PayloadException e) {
            throw new IllegalArgumentException("item '" + item.id() + "': " + e.getMessage(), e);
        }
        if (stored == null) {
            throw new IllegalArgumentException("item '" + item.id() + "': token units need the document's tokens, and its asset stores none: "
                    + "give the project store so that the document can be read and tokenized");
        }
        try {
            return TextDocuments.load(stored, item).segmentation();
        } catch (StoreException e) {
            throw new IllegalArgumentException("item '" + item.id() + "': " + e.getMessage(), e);
        }
    }

    /** The index of the first token ending after {@code cp}. */
    private static int firstEndingAfter(Segmentation tokens, int cp) {
        int lo = 0, hi = tokens.tokenCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.tokenEnd(mid) <= cp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
