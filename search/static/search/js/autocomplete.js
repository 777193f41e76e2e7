/*
 * Search suggestions for every <input data-autocomplete-url>: a small ARIA 1.2 combobox.
 * Progressive enhancement: without this file the input is a plain search form field.
 * The endpoint answers {"results": [{"title", "url", "type"}]}; text is inserted with
 * textContent only, and only same-origin links are followed.
 */
(function () {
    "use strict";

    var MIN_CHARS = 2;
    var DELAY_MS = 200;
    var counter = 0;

    function sameOrigin(url) {
        try {
            return new URL(url, window.location.href).origin === window.location.origin;
        } catch (error) {
            return false;
        }
    }

    function enhance(input) {
        var form = input.form;
        var endpoint = input.getAttribute("data-autocomplete-url");
        if (!form || !endpoint || !window.fetch) {
            return;
        }
        counter += 1;
        var listId = "autocomplete-list-" + counter;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "autocomplete-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.getAttribute("placeholder") || "");
        list.hidden = true;
        var status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.appendChild(list);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var results = [];
        var active = -1;
        var timer = null;
        var controller = null;

        function close() {
            list.hidden = true;
            list.textContent = "";
            results = [];
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            active = index;
            for (var i = 0; i < options.length; i += 1) {
                options[i].setAttribute("aria-selected", i === index ? "true" : "false");
            }
            if (index >= 0 && options[index]) {
                input.setAttribute("aria-activedescendant", options[index].id);
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function go(index) {
            var result = results[index];
            if (result && result.url && sameOrigin(result.url)) {
                window.location.assign(result.url);
            }
        }

        function render(items) {
            list.textContent = "";
            results = items.filter(function (item) {
                return item && item.url && sameOrigin(item.url);
            });
            results.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = item.title;
                if (item.type) {
                    var type = document.createElement("small");
                    type.textContent = item.type;
                    option.appendChild(type);
                }
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    go(index);
                });
                list.appendChild(option);
            });
            active = -1;
            list.hidden = results.length === 0;
            input.setAttribute("aria-expanded", results.length ? "true" : "false");
            status.textContent = results.length
                ? input.getAttribute("data-autocomplete-found") || ""
                : "";
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < MIN_CHARS) {
                close();
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            var url = endpoint + "?" + new URLSearchParams({ q: query }).toString();
            window.fetch(url, {
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined,
            })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(Array.isArray(data.results) ? data.results : []);
                    }
                })
                .catch(function () {
                    /* Suggestions are optional: the form still works. */
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden) {
                return;
            }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % results.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight(active <= 0 ? results.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                go(active);
            } else if (event.key === "Escape") {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", function () {
            window.setTimeout(close, 150);
        });
    }

    function init() {
        var inputs = document.querySelectorAll("input[data-autocomplete-url]");
        for (var i = 0; i < inputs.length; i += 1) {
            enhance(inputs[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
