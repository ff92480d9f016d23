package rnnsuite.data;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.text.tokenization.tokenizer.Tokenizer;
import org.deeplearning4j.text.tokenization.tokenizer.preprocessor.CommonPreprocessor;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.deeplearning4j.text.tokenization.tokenizerfactory.TokenizerFactory;

/**
 * deeplearning4j-nlp's tokeniser: whitespace split ({@link DefaultTokenizerFactory}), then
 * {@link CommonPreprocessor} (lower case; punctuation and digits stripped). Tokens that the
 * preprocessor empties are dropped.
 */
public final class TextTokenizer {

    private final TokenizerFactory factory = new DefaultTokenizerFactory();

    public TextTokenizer() {
        factory.setTokenPreProcessor(new CommonPreprocessor());
    }

    public List<String> tokenize(String text) {
        Tokenizer tokenizer = factory.create(text);
        List<String> tokens = new ArrayList<>();
        while (tokenizer.hasMoreTokens()) {
            String token = tokenizer.nextToken();
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
