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
        for (let number = 0; number <= max; number += 1) {
            const digest = hex(await crypto.subtle.digest("SHA-256", encoder.encode(salt + number)));
            if (digest === challenge) {
                form.querySelector("input[name=pow]").value = `${salt}|${number}|${challenge}|${signature}`;
                solved = true;
                if (status) status.textContent = "";
                form.requestSubmit(event.submitter || undefined);
                return;
            }
        }
        if (status) status.textContent = "Không hoàn tất được bước kiểm tra. Vui lòng tải lại trang.";
    });
})();
