{{%AUTOESCAPE context="HTML"}}{{!-- A contractor's work orders: only its own company's, never the case. --}}
<h1 class="utrecht-heading-1">{{t_wo_list_title}}</h1>
<p class="utrecht-paragraph">{{COMPANY}}</p>
{{#NONE}}<p class="utrecht-paragraph">{{t_wo_list_none}}</p>
{{/NONE}}<ul class="utrecht-unordered-list">
{{#ORDER}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/opdrachten/{{ID}}">{{LOCATION}}</a>: {{STATE}}, {{t_wo_due}} {{DUE}}</li>
{{/ORDER}}</ul>
