// Large type is a choice of this browser: kept in local storage, read when a page opens.
const key = "rp-large-type";

export function remembered() {
    try {
        return localStorage.getItem(key) === "1";
    } catch {
        return false;  // storage blocked: the choice lasts for this page only
    }
}

export function remember(large) {
    try {
        localStorage.setItem(key, large ? "1" : "0");
    } catch {
        // storage blocked
    }
}
