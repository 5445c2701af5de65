/**
 * Text from outside (a reader's report, a cited page) is shown to editors, who must see what it
 * says: no character that shows nothing or changes how the text around it shows. Removed are
 * Unicode's default-ignorable code points (zero-width spaces and joiners, word joiners, soft
 * hyphens, the BOM, variation selectors, Hangul fillers, tags) with every other format character
 * (the direction marks U+200E, U+200F and U+061C, the embeddings and overrides U+202A–U+202E, the
 * isolates U+2066–U+2069), lone surrogates, and control characters except tab and line feed.
 * One pattern of single characters: linear in its input.
 */
const HIDDEN_CHARACTERS = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cs}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu

export const removeHiddenCharacters = (text: string) => text.replace(HIDDEN_CHARACTERS, '')
