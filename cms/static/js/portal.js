/* The reference front end's only script (strict CSP: from our own origin, no inline code). Loaded in the head, so
   the menu is folded on a phone before the first paint (no layout shift); without the script the menu is open.
   It folds the menu behind a button on a phone and offers printing. */
(function () {
    "use strict";
    document.documentElement.classList.add("has-js");
    function ready() {
        var toggle = document.querySelector(".menu-toggle");
        var nav = toggle && toggle.closest(".main-nav");
        if (toggle && nav) {
            var setOpen = function (open) {
                toggle.setAttribute("aria-expanded", String(open));
                nav.classList.toggle("open", open);
            };
            toggle.addEventListener("click", function () {
                var open = toggle.getAttribute("aria-expanded") !== "true";
                setOpen(open);
                if (open) {
                    var first = nav.querySelector("ul a");
                    if (first) first.focus();
                }
            });
            document.addEventListener("keydown", function (event) {
                if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                    setOpen(false);
                    toggle.focus();
                }
            });
        }
        Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
    } else {
        ready();
    }
})();
