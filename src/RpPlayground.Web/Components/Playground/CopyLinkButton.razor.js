// The clipboard needs a secure context (https or localhost); elsewhere the copy fails and the button says nothing changed.
export async function copy(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
