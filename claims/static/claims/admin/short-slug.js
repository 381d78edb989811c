'use strict';
// The slug the admin fills in from a name or a title is cut at a word boundary near
// 50 characters, as claims.normalize.short_slug cuts the slugs the server makes.
{
    const LIMIT = 50;

    function shortSlug(slug, limit) {
        if (slug.length <= limit) {
            return slug;
        }
        const cut = slug.lastIndexOf('-', limit);
        const short = cut >= limit / 2 ? slug.slice(0, cut) : slug.slice(0, limit);
        return short.replace(/^-+|-+$/g, '');
    }

    const urlify = window.URLify;
    if (urlify) {
        window.URLify = function(text, maxLength, allowUnicode) {
            // The whole slug first: cut to the field's length, it would end mid-word.
            const whole = urlify(text, Number.MAX_SAFE_INTEGER, allowUnicode);
            return shortSlug(whole, Math.min(LIMIT, maxLength));
        };
    }
}
