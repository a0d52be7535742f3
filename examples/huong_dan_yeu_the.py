"""Hướng dẫn: Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu niên yếu thế
giai đoạn 2020 - 2022, built with the Python API.

The same document as ``huong_dan_yeu_the.yaml``, written with the English field
names. The copy of the original lost its letterhead: the district (Can Lộc),
the number (15) and the date (20/02/2020) are illustrative. Run it from any
directory; it writes ``huong-dan-yeu-the.docx`` there:

    python3 huong_dan_yeu_the.py
"""

from datetime import date

from vanban import (
    Assignment,
    Bullet,
    HuongDan,
    Issuer,
    Paragraph,
    Part,
    Recipient,
    Section,
    Signer,
    render,
)


def bullets(*texts: str) -> list[Bullet]:
    """One "- " item per text."""
    return [Bullet(text=text) for text in texts]


def build() -> HuongDan:
    """The guidance, with the words of the original (only errors of form fixed)."""
    return HuongDan(
        issuer=Issuer(
            parent=["Tỉnh đoàn Hà Tĩnh"],
            name=["BCH Đoàn huyện Can Lộc"],
            code="ĐTN",
        ),
        number=15,
        place="Can Lộc",
        date=date(2020, 2, 20),
        title="Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu niên yếu thế "
        "giai đoạn 2020 - 2022",
        opening=[
            "Thực hiện Nghị quyết Đại hội Đoàn toàn quốc lần thứ XI, Nghị quyết Đại hội Đoàn "
            "toàn tỉnh Hà Tĩnh lần thứ XVII, nhiệm kỳ 2017 - 2022; Hướng dẫn số "
            "10-HD/TWĐTN-VP ngày 24/5/2018 của Ban Bí thư Trung ương Đoàn về việc Hướng dẫn "
            "thực hiện và phân bổ chỉ tiêu trọng tâm công tác Đoàn và phong trào thanh thiếu "
            "nhi nhiệm kỳ 2017 - 2022; Tiếp tục phát huy vai trò hỗ trợ, giúp đỡ thanh thiếu "
            "niên yếu thế của Đoàn huyện và cơ sở, Ban Thường vụ Huyện đoàn Hướng dẫn Đoàn "
            "thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu niên yếu thế, giai đoạn "
            "2020 - 2022, nội dung cụ thể như sau:",
        ],
        purposes=[
            "Phát huy vai trò của tổ chức Đoàn hỗ trợ, giúp đỡ thanh thiếu niên yếu thế bằng "
            "các giải pháp cụ thể. Thông qua các hoạt động của tổ chức Đoàn tuyên truyền, kêu "
            "gọi toàn xã hội quan tâm đến công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế "
            "tại địa bàn dân cư.",
            "Các mô hình, giải pháp mang tính đồng bộ, thiết thực, hiệu quả, phát huy được vai "
            "trò của tổ chức Đoàn tại cơ sở trực tiếp hỗ trợ, giúp đỡ thanh thiếu niên yếu thế.",
            "Tìm hiểu, nắm bắt hoàn cảnh, tâm tư, nguyện vọng của các thanh thiếu niên yếu thế "
            "trên địa bàn, qua đó động viên tinh thần, vật chất, khích lệ họ tham gia các phong "
            "trào Đoàn, Hội, từng bước vươn lên sống có ích cho gia đình và xã hội.",
        ],
        requirements=[
            Paragraph(
                text="Hàng năm, 100% Đoàn xã, phường, thị trấn xây dựng được ít nhất 01 mô hình, "
                "giải pháp hỗ trợ, giúp đỡ thanh thiếu niên yếu thế (chú trọng các mô hình, giải "
                "pháp mang tính bền vững, hướng đến các thanh thiếu niên yếu thế có cơ hội phát triển)."
            ),
        ],
        target_groups=Part(
            children=[
                Paragraph(
                    text="Các nhóm thanh thiếu niên yếu thế được tổ chức Đoàn TNCS Hồ Chí "
                    "Minh tập trung hỗ trợ gồm:"
                ),
                *bullets(
                    "Thanh thiếu niên khuyết tật;",
                    "Thanh thiếu niên mắc bệnh hiểm nghèo;",
                    "Thanh thiếu niên nghèo (thanh thiếu niên trong diện hộ cận nghèo, thanh "
                    "thiếu niên trong diện hộ nghèo);",
                    "Thanh niên thất nghiệp mặc dù đã và đang nỗ lực kiếm việc làm;",
                    "Thanh thiếu niên là người dân tộc thiểu số đang sinh sống ở các địa bàn "
                    "khó khăn, vùng sâu, vùng xa, biên giới, hải đảo;",
                    "Thanh thiếu niên chậm tiến, sau cai nghiện;",
                    "Thanh niên hoàn lương.",
                ),
            ],
        ),
        content=[
            Section(
                title="Các mô hình, phương thức triển khai",
                children=[
                    Section(
                        title="Phương thức xây dựng mô hình, giải pháp",
                        children=[
                            Paragraph(
                                text="Căn cứ vào nhu cầu của thanh thiếu niên để xây dựng mô "
                                "hình hỗ trợ, đảm bảo tính thiết thực, phù hợp với điều kiện nhu "
                                "cầu của người được hỗ trợ và điều kiện, nguồn lực của tổ chức "
                                "Đoàn, đảm bảo tính thiết thực, hiệu quả. Việc xây dựng, triển "
                                "khai các mô hình, giải pháp hỗ trợ, giúp đỡ thanh thiếu niên yếu "
                                "thế cơ bản gồm các bước sau:"
                            ),
                            *bullets(
                                "Khảo sát, phân loại, đặc điểm, nhu cầu của thanh thiếu niên "
                                "yếu thế trên địa bàn; đánh giá nguồn lực và khả năng đáp ứng "
                                "nhu cầu, nguyện vọng đó của các cơ sở Đoàn.",
                                "Xây dựng ý tưởng về mô hình, giải pháp phù hợp.",
                                "Xây dựng phương án thực hiện (cách thức, con người thực hiện, "
                                "huy động nguồn lực, phân công nhiệm vụ).",
                                "Tham vấn ý kiến của các đối tượng thụ hưởng nhằm hoàn thiện mô "
                                "hình, giải pháp.",
                                "Báo cáo với cấp ủy cùng cấp và Đoàn cấp trên trực tiếp xin chủ "
                                "trương triển khai mô hình, giải pháp tại địa phương.",
                                "Triển khai mô hình, giải pháp trên thực tế.",
                                "Đánh giá sơ kết, tổng kết rút kinh nghiệm về mô hình, giải pháp "
                                "theo cách phù hợp, tiết kiệm để có điều chỉnh kịp thời và nhân "
                                "rộng.",
                            ),
                        ],
                    ),
                    Section(
                        title="Một số nội dung mô hình, giải pháp hỗ trợ, giúp đỡ thanh thiếu "
                        "niên yếu thế",
                        children=[
                            Section(
                                title="Các mô hình hỗ trợ về chăm sóc sức khỏe",
                                children=bullets(
                                    "Huy động nguồn lực và cấp thẻ bảo hiểm y tế cho thanh "
                                    "thiếu niên yếu thế.",
                                    "Mô hình hỗ trợ điều trị, trị liệu cho thanh thiếu niên "
                                    "khuyết tật.",
                                ),
                            ),
                            Section(
                                title="Các mô hình hỗ trợ giao lưu, chia sẻ, nâng cao đời "
                                "sống tinh thần",
                                children=bullets(
                                    "Mô hình nhóm tự lực của thanh thiếu niên khuyết tật: Chia "
                                    "sẻ, động viên nhau cùng cố gắng, kết hợp với nhau để cùng "
                                    "thực hiện các hoạt động làm kinh tế (như Câu lạc bộ Thanh "
                                    "thiếu niên khuyết tật với các nội dung: tham vấn đồng cảnh, "
                                    "giải pháp sống độc lập, tập huấn cho người hỗ trợ cá nhân "
                                    "cho thanh thiếu niên khuyết tật...).",
                                    "Mô hình câu lạc bộ, tổ, đội, nhóm theo nghề nghiệp, sở "
                                    "thích dành cho thanh thiếu niên yếu thế nhằm tạo sân chơi "
                                    "giao lưu, trao đổi kinh nghiệm, chia sẻ giữa những thanh "
                                    "thiếu niên có cùng nghề nghiệp, sở thích.",
                                    "Xây dựng các diễn đàn, các sân chơi định kỳ dành cho những "
                                    "thanh thiếu niên yếu thế có cùng hoàn cảnh để họ có môi "
                                    "trường phù hợp sinh hoạt.",
                                    "Mô hình các câu lạc bộ văn hóa văn nghệ, thể dục thể thao, "
                                    "du lịch...",
                                ),
                            ),
                            Section(
                                title="Các mô hình hỗ trợ học tập, nâng cao trình độ tay nghề",
                                children=[
                                    Paragraph(
                                        text="Mô hình tư vấn, hướng nghiệp, dạy nghề miễn phí "
                                        "cho thanh thiếu niên yếu thế."
                                    ),
                                ],
                            ),
                            Section(
                                title="Các mô hình hỗ trợ nghề nghiệp, việc làm, kinh doanh",
                                children=bullets(
                                    "Hỗ trợ chuyển giao, ứng dụng khoa học công nghệ, ngày công, "
                                    "nguồn vốn (nếu có) để giúp đỡ thanh niên yếu thế xây dựng "
                                    "các mô hình kinh tế phù hợp với hoàn cảnh của từng đối tượng "
                                    "và điều kiện thực tế tại địa phương; đồng thời hỗ trợ tìm "
                                    "kiếm đầu ra, khách hàng cho các sản phẩm, đảm bảo mô hình "
                                    "phát triển bền vững, hiệu quả.",
                                    "Huy động, kêu gọi các nguồn lực xã hội hoá để thành lập quỹ "
                                    "hỗ trợ thanh niên yếu thế xây dựng mô hình kinh tế.",
                                    "Phối hợp với các đơn vị, trung tâm giới thiệu việc làm, xuất "
                                    "khẩu lao động uy tín cũng như các công ty, doanh nghiệp, cơ "
                                    "sở sản xuất để giới thiệu, tạo cơ hội việc làm cho thanh "
                                    "niên yếu thế, giúp họ có điều kiện đảm bảo cuộc sống, thu "
                                    "nhập, nâng cao sự tự tin và hòa nhập cộng đồng tốt hơn.",
                                ),
                            ),
                        ],
                    ),
                ],
            ),
        ],
        evaluation=Part(
            title="Cách thức đánh giá, công nhận chỉ tiêu",
            children=[
                *bullets(
                    "Hằng năm, Đoàn xã, phường, thị trấn lựa chọn, đăng ký ít nhất 01 mô hình "
                    "giải pháp hỗ trợ, giúp đỡ thanh thiếu niên yếu thế, đăng ký nêu rõ: tên mô "
                    "hình giải pháp, đối tượng người thụ hưởng, người thực hiện, dự kiến kết quả.",
                    "Ban Thường vụ Huyện đoàn tổng hợp báo cáo danh sách, số lượng mô hình giải "
                    "pháp hỗ trợ, giúp đỡ thanh thiếu niên yếu thế của các xã, phường, thị trấn.",
                ),
                Bullet(
                    text="Mô hình, giải pháp được công nhận dựa trên các tiêu chí và đánh giá "
                    "hiệu quả như sau:",
                    children=[
                        "Là mô hình, giải pháp hiệu quả, duy trì thường xuyên trong cả giai "
                        "đoạn, nhằm hỗ trợ, giúp đỡ được một trong các nhóm thanh thiếu niên yếu "
                        "thế nêu trên và hỗ trợ, giúp đỡ giải quyết vấn đề của thanh thiếu niên "
                        "yếu thế đó đang gặp phải.",
                        "Có kế hoạch triển khai các giải pháp hỗ trợ, giúp đỡ thanh thiếu niên "
                        "yếu thế.",
                        "Có Báo cáo kết quả triển khai mô hình, giải pháp: trong đó nêu tên mô "
                        "hình, giải pháp cụ thể; địa chỉ của đơn vị, tổ chức triển khai mô hình, "
                        "giải pháp; địa bàn triển khai mô hình, giải pháp; thời gian bắt đầu "
                        "triển khai mô hình, giải pháp; số lượng thanh thiếu niên yếu thế được "
                        "hỗ trợ; hình thức, nội dung triển khai mô hình, giải pháp và kết quả "
                        "cụ thể.",
                    ],
                ),
            ],
        ),
        assignments=[
            Assignment(
                unit="Tỉnh đoàn",
                tasks=bullets(
                    "Xây dựng hướng dẫn Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu "
                    "niên yếu thế, giai đoạn 2019 - 2022.",
                    "Tổ chức các đợt kiểm tra, đánh giá các mô hình hoạt động, nhân rộng các mô "
                    "hình có cách làm hay; tổ chức các hoạt động biểu dương các cá nhân và tập "
                    "thể có thành tích xuất sắc trong công tác hỗ trợ, giúp đỡ thanh thiếu niên "
                    "yếu thế.",
                    "Phối hợp với các ban, ngành, đoàn thể tăng cường chỉ đạo ngành dọc cùng "
                    "phối hợp hỗ trợ, giúp đỡ thanh thiếu niên yếu thế.",
                    "Giao Ban Tuyên giáo Tỉnh đoàn làm bộ phận thường trực giúp Ban Thường vụ "
                    "Tỉnh đoàn chỉ đạo, triển khai các hoạt động hỗ trợ, giúp đỡ thanh thiếu "
                    "niên yếu thế.",
                    "Giao Ban Thanh thiếu nhi Trường học Tỉnh đoàn chỉ đạo triển khai các hoạt "
                    "động hỗ trợ, giúp đỡ thanh thiếu niên yếu thế trong trường học.",
                    "Giao Ban Đoàn kết, tập hợp thanh niên Tỉnh đoàn chỉ đạo triển khai các hoạt "
                    "động hỗ trợ, giúp đỡ thanh thiếu niên dân tộc, thanh thiếu niên chậm tiến, "
                    "sau cai nghiện, thanh niên hoàn lương.",
                    "Các Ban, Văn phòng Tỉnh đoàn căn cứ Hướng dẫn triển khai, tổ chức, thực "
                    "hiện các nội dung, phần việc được phân công.",
                    "Định kỳ hàng năm và trong các đợt làm việc theo chuyên đề, Ban Thường vụ "
                    "Tỉnh đoàn sẽ lựa chọn các đơn vị bất kỳ để kiểm tra mô hình, đánh giá các "
                    "mô hình hoạt động, biểu dương và nhân rộng các mô hình có cách làm hay, "
                    "sáng tạo, hiệu quả.",
                ),
            ),
            Assignment(
                unit="Huyện đoàn",
                tasks=bullets(
                    "Xây dựng kế hoạch tổ chức thực hiện, chỉ đạo cấp cơ sở khảo sát, đăng ký "
                    "giúp đỡ, hỗ trợ, giúp đỡ thanh thiếu niên yếu thế.",
                    "Chỉ đạo các Đoàn các cơ quan, doanh nghiệp, trường học trực thuộc tùy theo "
                    "thực tế chức năng, nhiệm vụ của mình chủ động phối hợp, hỗ trợ Đoàn các xã, "
                    "phường, thị trấn trong việc xây dựng các mô hình, giải pháp.",
                    "Thường xuyên kiểm tra, đôn đốc, hướng dẫn cơ sở triển khai thực hiện và báo "
                    "cáo tình hình hoạt động về Tỉnh đoàn qua các báo cáo định kỳ.",
                    "Phối hợp với các Ban, ngành, đoàn thể thường xuyên quan tâm tháo gỡ những "
                    "vướng mắc, khó khăn cho cơ sở trong quá trình thực hiện, có biện pháp giúp "
                    "đỡ kịp thời.",
                    "Vận động các doanh nghiệp, các cơ sở sản xuất và các nguồn lực xã hội hóa "
                    "khác tham gia tặng quà, đăng ký hỗ trợ đào tạo nghề và giải quyết việc làm "
                    "cho thanh thiếu niên yếu thế.",
                    "Tổ chức đánh giá công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế tại địa "
                    "phương, động viên khen thưởng đối với các cá nhân, tập thể có cách làm hay, "
                    "hiệu quả; nhân rộng mô hình, tổ chức giao ban, học tập kinh nghiệm giữa các "
                    "cơ sở Đoàn.",
                ),
            ),
            Assignment(
                unit="Đoàn khối cơ quan, trường học",
                tasks=bullets(
                    "Phối hợp với Đoàn xã, thị trấn trong việc xây dựng các mô hình, giải pháp "
                    "hỗ trợ, giúp đỡ thanh thiếu niên yếu thế.",
                    "Tùy theo thực tế chức năng, nhiệm vụ của mình chủ động phối hợp, hỗ trợ "
                    "Đoàn các địa phương trong việc triển khai xây dựng các mô hình, giải pháp, "
                    "các hoạt động hỗ trợ, giúp đỡ thanh thiếu niên yếu thế.",
                ),
            ),
            Assignment(
                unit="Các Đoàn xã, thị trấn",
                tasks=bullets(
                    "Báo cáo, xin ý kiến cấp ủy Đảng, chính quyền, xây dựng kế hoạch triển khai, "
                    "phối hợp với các ban, ngành đoàn thể tổ chức khảo sát thực trạng thanh thiếu "
                    "niên yếu thế tại địa phương và triển khai các mô hình, giải pháp hỗ trợ, "
                    "giúp đỡ thanh niên yếu thế một cách thiết thực, hiệu quả.",
                    "Thường xuyên thông tin, báo cáo với Đoàn cấp trên tình hình triển khai và "
                    "kết quả cụ thể các mô hình, giải pháp, đề xuất những giải pháp hay, cách làm "
                    "mới và các nội dung cần kiến nghị điều chỉnh hoặc hỗ trợ.",
                ),
            ),
        ],
        closing="Trên đây là hướng dẫn Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu "
        "niên yếu thế, giai đoạn 2020 - 2022 của Ban Thường vụ Huyện đoàn, đề nghị các đơn vị "
        "nghiêm túc triển khai thực hiện",
        recipients=[
            Recipient(name="Tỉnh đoàn", purpose="để b/c"),
            Recipient(name="Ban PTTN", purpose="để b/c"),
            Recipient(name="Đoàn trực thuộc"),
        ],
        archive="VP",
        signer=Signer(
            authority="TM.",
            on_behalf_of="Ban Thường vụ Huyện đoàn",
            position="Phó Bí thư",
            name="Nguyễn Minh Châu",
        ),
    )


if __name__ == "__main__":
    path = render(build(), "huong-dan-yeu-the.docx", overwrite=True)
    print(f"Đã tạo {path}")
