// The citizen forms' proof of work (citizens/defences.py): find the number whose SHA-256 the server signed, then
// send the form. Served from our own static files, so the strict CSP ('self') allows it.
(() => {
    const form = document.querySelector("form[data-pow-challenge]");
    if (!form || !window.crypto || !crypto.subtle) return;
    const status = form.querySelector("[data-pow-status]");
    const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const encoder = new TextEncoder();
    let solved = false;
    form.addEventListener("submit", async (event) => {
        if (solved) return;
        event.preventDefault();
        const { powSalt: salt, powChallenge: challenge, powSignature: signature } = form.dataset;
        const max = Number(form.dataset.powMax);
        if (status) status.textContent = "Đang kiểm tra chống thư rác, vui lòng chờ trong giây lát…";
        // Hashed a batch at a time: the browser runs a batch's digests together instead of one await each.
        const batch = 500;
        for (let start = 0; start <= max; start += batch) {
            const numbers = [...Array(Math.min(batch, max - start + 1)).keys()].map((offset) => start + offset);
            const digests = await Promise.all(
                numbers.map((n) => crypto.subtle.digest("SHA-256", encoder.encode(salt + n)))
            );
            const found = digests.findIndex((digest) => hex(digest) === challenge);
            if (found >= 0) {
                const number = numbers[found];
                form.querySelector("input[name=pow]").value = `${salt}|${number}|${challenge}|${signature}`;
                solved = true;
                if (status) status.textContent = "";
                // Sent as it stands: requestSubmit() from here was not followed by Chromium.
                HTMLFormElement.prototype.submit.call(form);
                return;
            }
        }
        if (status) status.textContent = "Không hoàn tất được bước kiểm tra. Vui lòng tải lại trang.";
    });
})();
