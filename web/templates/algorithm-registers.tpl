{{%AUTOESCAPE context="HTML"}}{{!-- The public algorithm registers: one link per organisation on this counter. --}}
<h1 class="utrecht-heading-1 auto-register__title">{{t_auto_register_title}}</h1>
<p class="utrecht-paragraph">{{t_auto_register_index_intro}}</p>
<ul class="utrecht-unordered-list">
{{#ORGANISATION}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/algoritmeregister/{{ID}}">{{NAME}}</a></li>
{{/ORGANISATION}}</ul>
