{{%AUTOESCAPE context="HTML"}}{{!-- The shared layout of every page: skip link, header with the organisation's name and the language switch, main landmark, footer. --}}<!doctype html>
<html lang="{{LANG}}" class="utrecht-theme">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} – {{SITE_NAME}}</title>
<link rel="stylesheet" href="/assets/utrecht/design-tokens.css">
<link rel="stylesheet" href="/assets/utrecht/component-library.css">
<link rel="stylesheet" href="/style.css">
<link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="#01689b">
<link rel="icon" href="/icons/loket.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icons/loket-192.png">
{{#LOGGED_IN}}<script src="/sw-register.js" defer></script>
{{/LOGGED_IN}}{{#SCRIPT}}<script src="{{SRC}}" type="module"></script>
{{/SCRIPT}}
</head>
<body class="utrecht-document utrecht-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">{{t_skip_link}}</a>
<div class="utrecht-page">
<header class="utrecht-page-header site-header">
<div class="utrecht-page-header__content site-header__content">
<a class="site-name" href="/">{{SITE_NAME}}</a>
<nav class="site-nav" aria-label="{{t_nav_label}}">
<ul class="site-nav__list">
<li><a class="utrecht-link" href="/producten">{{t_nav_products}}</a></li>
<li><a class="utrecht-link" href="/mijn-zaken">{{t_nav_cases}}</a></li>
<li><a class="utrecht-link" href="/mijn-gegevens">{{t_nav_data}}</a></li>
{{#STAFF}}<li><a class="utrecht-link" href="/behandelen">{{t_bo_nav}}</a></li>
{{/STAFF}}{{#INBOX}}<li><a class="utrecht-link" href="/berichten">{{t_nav_inbox}}{{#UNREAD}} <span class="site-nav__badge">{{COUNT}} <span class="visually-hidden">{{t_inbox_unread}}</span></span>{{/UNREAD}}</a></li>
{{/INBOX}}<li><a class="utrecht-link" href="{{OTHER_LANG_HREF}}" lang="{{OTHER_LANG}}" hreflang="{{OTHER_LANG}}">{{OTHER_LANG_LABEL}}</a></li>
{{#LOGGED_IN}}<li><form method="post" action="/auth/logout" class="site-nav__logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="utrecht-button utrecht-button--subtle">{{t_logout}}</button>
</form></li>
{{/LOGGED_IN}}
</ul>
</nav>
</div>
</header>
<main id="main" class="utrecht-page-content site-main">
{{>CONTENT}}
</main>
<footer class="utrecht-page-footer site-footer">
<div class="utrecht-page-footer__content">
<p class="utrecht-paragraph">{{t_footer}}</p>
<p class="utrecht-paragraph"><a class="utrecht-link site-footer__link" href="/algoritmeregister">{{t_footer_register}}</a></p>
</div>
</footer>
</div>
</body>
</html>
