package dev.vellum.modality.text.tokenize;

import dev.vellum.core.model.Project;
import java.util.Map;
import java.util.Set;

/**
 * The tokenizer a project uses, from its project extension {@value #EXTENSION}, for example
 * <pre>
 * "extensions": {"text.tokenizer": {"kind": "default", "sentences": "text"}}
 * </pre>
 * {@code kind} is {@code default} ({@link DefaultTokenizer}: white space and punctuation),
 * {@code whitespace} ({@link WhitespaceTokenizer}) or {@code characters}
 * ({@link CharacterTokenizer}); {@code sentences} is {@code text}, {@code lines} or {@code none}
 * ({@link SentenceMode}). Both are optional; without the extension a project uses the default
 * tokenizer with sentences found in the text.
 */
public final class Tokenizers {
    /** The project extension key. */
    public static final String EXTENSION = "text.tokenizer";
    /** The setting's key naming the tokenizer. */
    public static final String KIND = "kind";
    /** The setting's key naming the sentence mode. */
    public static final String SENTENCES = "sentences";

    private static final Set<String> KEYS = Set.of(KIND, SENTENCES);

    private Tokenizers() {
    }

    /** The default tokenizer with sentences found in the text. */
    public static Tokenizer standard() {
        return new DefaultTokenizer();
    }

    /**
     * The tokenizer the project's {@value #EXTENSION} setting names.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public static Tokenizer forProject(Project project) {
        return project == null ? standard() : of(project.extensions().get(EXTENSION));
    }

    /**
     * The tokenizer a setting names: null for the default, else a map with the optional keys
     * {@value #KIND} and {@value #SENTENCES}.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public static Tokenizer of(Object setting) {
        if (setting == null) {
            return standard();
        }
        if (!(setting instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "' must be an object such as {\"kind\": \"default\"}, found "
                    + setting);
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("project extension '" + EXTENSION + "': unknown key '" + k + "' (kind, sentences)");
            }
        }
        String kind = string(m, KIND, DefaultTokenizer.KIND);
        SentenceMode sentences;
        try {
            sentences = SentenceMode.fromId(string(m, SENTENCES, SentenceMode.TEXT.id()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "': " + e.getMessage(), e);
        }
        return switch (kind) {
            case DefaultTokenizer.KIND -> new DefaultTokenizer(sentences);
            case WhitespaceTokenizer.KIND -> new WhitespaceTokenizer(sentences);
            case CharacterTokenizer.KIND -> new CharacterTokenizer(sentences);
            default -> throw new IllegalArgumentException("project extension '" + EXTENSION + "': unknown tokenizer kind '" + kind
                    + "' (default, whitespace or characters)");
        };
    }

    private static String string(Map<?, ?> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "': '" + key + "' must be a string, found " + v);
        }
        return s;
    }
}
