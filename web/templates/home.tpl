{{%AUTOESCAPE context="HTML"}}{{!-- Home: what Loket is for and who takes part. --}}
<h1 class="utrecht-heading-1">{{t_home_title}}</h1>
<p class="utrecht-paragraph">{{t_home_intro}}</p>
<ul class="utrecht-link-list utrecht-link-list--html-ul">
<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/mijn-zaken">{{t_home_my_cases}}</a></li>
<li class="utrecht-link-list__item"><a class="utrecht-link utrecht-link-list__link" href="/mijn-gegevens">{{t_home_my_data}}</a></li>
</ul>
<h2 class="utrecht-heading-2">{{t_home_organisations}}</h2>
<ul class="utrecht-unordered-list">
{{#ORGANISATION}}<li class="utrecht-unordered-list__item">{{NAME}} ({{KIND}})</li>
{{/ORGANISATION}}
</ul>
